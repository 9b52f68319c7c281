namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class CsvHistoryWriterTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    private Task<string> WriteAsync(HistoryOutputOptions options, IEnumerable<HistoryResult>? results = null) =>
        HistoryWriterRun.WriteAsync(OutputFormat.Csv, options, results ?? samples.Daily);

    [Fact]
    public async Task Long_DailySamples_MatchTheExpectedFile()
    {
        var text = await WriteAsync(new HistoryOutputOptions());

        Assert.Equal(Golden.Read("history-long.csv"), text);
    }

    [Fact]
    public async Task Long_DailySamples_RowsAsSpecified()
    {
        var lines = (await WriteAsync(new HistoryOutputOptions())).Split('\n');

        Assert.Equal("symbol,date,open,high,low,close,adj_close,volume,error_kind,error_message", lines[0]);
        // Recorded 127.58000183105469, 131, 126, 129.0399932861328, 125.82673645019531: cleaned to AAPL's priceHint
        // of 2, every price with two places.
        Assert.Equal("AAPL,2020-08-31,127.58,131.00,126.00,129.04,125.83,225702700,,", lines[1]);
        Assert.Equal(49, lines.Count(line => line.StartsWith("AAPL,", StringComparison.Ordinal)));
        // The all-null synthetic bar: empty cells, never 0.
        Assert.Contains("MSFT,2020-10-29,,,,,,,,", lines);
        Assert.Contains("NONEXIST,,,,,,,,not-found,No data found, symbol may be delisted", lines.Select(Unquote));
        Assert.Contains("IBM,,,,,,,,,", lines);
    }

    [Fact]
    public async Task Long_Exact_ShowsYahoosDecimals()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Exact = true });

        Assert.Contains(",129.0399932861328,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongWithEvents_DailySamples_MatchTheExpectedFile()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Events = true });

        Assert.Equal(Golden.Read("history-long-events.csv"), text);
    }

    [Fact]
    public async Task LongWithEvents_EventRowsFollowTheBarsOfTheirDay()
    {
        var lines = (await WriteAsync(new HistoryOutputOptions { Events = true })).Split('\n');

        Assert.Equal(
            "symbol,date,open,high,low,close,adj_close,volume,event,dividend,split_numerator,split_denominator,error_kind,error_message",
            lines[0]
        );
        var split = Array.IndexOf(lines, "AAPL,2020-08-31,,,,,,,split,,4,1,,");
        Assert.Equal(2, split);
        Assert.StartsWith("AAPL,2020-08-31,", lines[1], StringComparison.Ordinal);
        var dividend = Array.IndexOf(lines, "AAPL,2020-11-06,,,,,,,dividend,0.205,,,,");
        Assert.StartsWith("AAPL,2020-11-06,", lines[dividend - 1], StringComparison.Ordinal);
        Assert.StartsWith("MSFT,", lines[dividend + 1], StringComparison.Ordinal);
        Assert.Contains("NONEXIST,,,,,,,,,,,,not-found,No data found, symbol may be delisted", lines.Select(Unquote));
    }

    [Fact]
    public async Task Long_Intraday_DatesCarryTheExchangesOffset()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Intraday = true }, samples.Intraday);

        Assert.Equal(Golden.Read("history-intraday.csv"), text);
        // Sydney's first session of the 17th opens at 23:00 UTC on the 16th.
        Assert.Contains("\nCBA.AX,2026-11-17T10:00:00+11:00,", text, StringComparison.Ordinal);
        Assert.Contains("\nMSFT,2026-11-16T09:30:00-05:00,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_HostileText_IsCleanedQuotedAndFormulaSafe()
    {
        HistoryResult[] results =
        [
            HistoryResult.Failure("EVIL", QuoteErrorKind.Http, "=HYPERLINK(\"x\")\u001b[31m, red"),
        ];

        var text = await WriteAsync(new HistoryOutputOptions(), results);

        Assert.Equal(CsvHistoryWriter.Header + "\nEVIL,,,,,,,,http,\"'=HYPERLINK(\"\"x\"\")[31m, red\"\n", text);
    }

    // The error message holds a comma, so it is quoted; compare its text.
    private static string Unquote(string line) => line.Replace("\"", "", StringComparison.Ordinal);
}
