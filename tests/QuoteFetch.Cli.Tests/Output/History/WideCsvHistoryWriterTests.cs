namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class WideCsvHistoryWriterTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    [Fact]
    public async Task Wide_DailySamples_MatchTheExpectedFile()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Csv,
            new HistoryOutputOptions { Events = true },
            samples.Daily,
            wide: true
        );

        Assert.Equal(Golden.Read("history-wide.csv"), text);
    }

    [Fact]
    public async Task Wide_DailySamples_OneColumnPerSymbolAndOneRowPerDate()
    {
        var lines = (
            await HistoryWriterRun.WriteAsync(OutputFormat.Csv, new HistoryOutputOptions(), samples.Daily, wide: true)
        ).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("date,AAPL,MSFT,NONEXIST,IBM", lines[0]);
        Assert.Equal(50, lines.Length);
        Assert.StartsWith("2020-08-31,129.04,,,", lines[1], StringComparison.Ordinal);
        // MSFT's null close and the failed and empty symbols' columns are empty cells.
        Assert.Matches(
            @"^2020-10-29,[0-9.]+,,,$",
            lines.Single(l => l.StartsWith("2020-10-29", StringComparison.Ordinal))
        );
        Assert.Matches(@"^2020-11-06,[0-9.]+,[0-9.]+,,$", lines[^1]);
    }

    [Fact]
    public async Task Wide_IntradayInOneZone_ShowsTheExchangesLocalTime()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Csv,
            new HistoryOutputOptions { Intraday = true },
            samples.Intraday.Where(r => r.Symbol == "MSFT"),
            wide: true
        );

        Assert.StartsWith("date,MSFT\n2026-11-16T09:30:00-05:00,920.50\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wide_IntradayAcrossZones_KeysRowsByInstantInUtc()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Csv,
            new HistoryOutputOptions { Intraday = true },
            samples.Intraday,
            wide: true
        );

        Assert.Equal(Golden.Read("history-wide-intraday.csv"), text);
    }
}
