using System.Text.RegularExpressions;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Output;

public sealed partial class VerboseSummaryTests : FakeYahooTestBase
{
    [GeneratedRegex(
        @"^quotefetch: 4 symbols: 2 ok, 2 failed \(invalid-symbol 1, not-found 1\); 4 requests, 1 retry; "
            + @"latency p50 \d+ ms, p95 \d+ ms; \d+\.\d\d s$"
    )]
    private static partial Regex QuoteLine();

    [GeneratedRegex(@"^quotefetch: 2 symbols: 1 ok, 1 failed \(not-found 1\); 2 requests, 0 retries; ")]
    private static partial Regex HistoryLine();

    [Fact]
    public async Task Verbose_EndsWithOneSummaryLine_CountingRetriesFromTheLibrary()
    {
        Server.Options.Faults["MSFT"] = FakeFault.Status(503, times: 1);

        var run = await RunAsync("-v", "--format", "csv", "AAPL", "MSFT", "FB", "BAD/SYMBOL");

        var last = run.Error.TrimEnd('\n').Split('\n')[^1];
        Assert.Matches(QuoteLine(), last);
    }

    [Fact]
    public async Task Verbose_History_EndsWithTheSummaryLine()
    {
        var run = await CliRun.RunAsync(["history", .. Args("-v", "--range", "1mo", "AAPL", "FB")]);

        Assert.Matches(HistoryLine(), run.Error.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public async Task NotVerbose_HasNoSummaryLine()
    {
        var run = await RunAsync("--format", "csv", "AAPL", "FB");

        Assert.DoesNotContain("requests", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 3.0)]
    [InlineData(95, 5.0)]
    [InlineData(100, 5.0)]
    [InlineData(1, 1.0)]
    public void Percentile_IsTheNearestRank(int percent, double expected) =>
        Assert.Equal(expected, VerboseSummary.Percentile([1, 2, 3, 4, 5], percent));
}
