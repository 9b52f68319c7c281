using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>portfolio --watch: the same rounds as quote --watch, one valuation per round.</summary>
public sealed class PortfolioWatchTests : FakeYahooTestBase, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quotefetch-portfolio-watch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Holdings()
    {
        var path = Path.Combine(_directory, "holdings.csv");
        File.WriteAllText(path, "symbol,quantity,cost\nAAPL,10,1800\nOCDO.L,100,300\n");
        return path;
    }

    private Task<CliRun> WatchAsync(params string[] args) =>
        CliRun.RunAsync(["portfolio", Holdings(), "--base-url", Server.BaseAddress.ToString(), .. args]);

    [Fact]
    public async Task TwoRounds_Ndjson_EachPositionOncePerRound()
    {
        var run = await WatchAsync("--watch", "1", "--force", "--rounds", "2", "--format", "ndjson");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([1, 1, 2, 2], lines.Select(line => line.GetProperty("round").GetInt32()));
        Assert.Equal(
            ["AAPL", "OCDO.L", "AAPL", "OCDO.L"],
            lines.Select(line => line.GetProperty("symbol").GetString())
        );
        Assert.All(lines, line => Assert.Equal("USD", line.GetProperty("baseCurrency").GetString()));
        Assert.Equal(2, lines.Select(line => line.GetProperty("fetchedAt").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Csv_HeaderOnce_WithRoundColumns()
    {
        var run = await WatchAsync("--watch", "1", "--force", "--rounds", "2", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("round,fetched_at," + PortfolioCsv.Header, run.OutLines[0]);
        Assert.Equal(5, run.OutLines.Length);
        Assert.StartsWith("2,", run.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminal_RedrawsTheTableInPlace_EachRound()
    {
        var run = await CliRun.RunAsync(
            [
                "portfolio",
                Holdings(),
                "--base-url",
                Server.BaseAddress.ToString(),
                "--watch",
                "1",
                "--force",
                "--rounds",
                "2",
            ],
            terminal: true
        );

        Assert.Equal(0, run.ExitCode);
        // Home and clear before each round's table: the screen shows one table, the latest.
        Assert.Equal(2, run.Out.Split("\u001b[H\u001b[2J").Length - 1);
        Assert.Contains("round 2 at ", run.Out, StringComparison.Ordinal);
        Assert.Contains("OCDO.L", run.Out, StringComparison.Ordinal);
        // The watch table adds the change since the previous close: AAPL's recorded 220.003 against 167.3.
        Assert.Contains("Day %", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"AAPL\s+10\s+220\.003\s+USD\s+31\.50\b", run.Out);
    }

    [Theory]
    [InlineData(new[] { "--watch", "5" }, "quotefetch: --watch must be at least 10 seconds")]
    [InlineData(new[] { "--watch", "10", "--format", "json" }, "quotefetch: --watch appends one block per round")]
    [InlineData(new[] { "--rounds", "2" }, "quotefetch: --rounds needs --watch")]
    public async Task UsageErrors_AreOneLine(string[] args, string expected)
    {
        var run = await WatchAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }
}
