namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class TableHistoryWriterTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    private Task<string> WriteAsync(HistoryOutputOptions options, IEnumerable<HistoryResult>? results = null) =>
        HistoryWriterRun.WriteAsync(OutputFormat.Table, options, results ?? samples.Daily);

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Table_DailySamplesWithEvents_MatchTheExpectedFile(int width)
    {
        var text = await WriteAsync(new HistoryOutputOptions { Events = true, Width = width });

        Assert.Equal(Golden.Read($"history-table-{width}.txt"), TrimLineEnds(text));
        Assert.All(text.Split('\n'), line => Assert.InRange(line.Length, 0, width));
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public async Task Table_Colors_ChangeIsRedOrGreen()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Colors = true, Width = 120 });

        Assert.Contains("\u001b[91m-8.02%\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[1mAAPL\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_HostileServerText_IsShownInert()
    {
        HistoryResult[] results =
        [
            HistoryResult.Success(
                "X",
                new PriceHistory
                {
                    Symbol = "X",
                    Currency = "U\u001b]0;pwned\u0007SD\u202e",
                    Bars = [new PriceBar { Time = DateTimeOffset.UnixEpoch, Close = 1m }],
                }
            ),
            HistoryResult.Failure("Y", QuoteErrorKind.Http, "bad\u001b[2Jnews\r\nhere"),
        ];

        var text = await WriteAsync(new HistoryOutputOptions { Width = 200 }, results);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains("U]0;pwnedSD", text, StringComparison.Ordinal);
        Assert.Contains("http: bad[2Jnews  here", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_ExactPrices_ShowYahoosDecimals()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Exact = true, Width = 200 });

        Assert.Contains("129.0399932861328", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_NoResults_IsAnEmptyTableWithItsCaption()
    {
        var text = await WriteAsync(new HistoryOutputOptions { Events = true }, []);

        Assert.Contains("0 with a history, 0 without", text, StringComparison.Ordinal);
        Assert.Contains("No dividends or splits.", text, StringComparison.Ordinal);
    }

    // Editors trim the golden files' trailing spaces (the centred caption's padding).
    private static string TrimLineEnds(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));
}
