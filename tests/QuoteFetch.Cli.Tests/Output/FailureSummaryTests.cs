using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Output;

public sealed class FailureSummaryTests : FakeYahooTestBase
{
    [Fact]
    public async Task EverySymbolFailsTheSameWay_OneSummaryLineOnStandardErrorNamesTheFlag()
    {
        Server.Options.FaultForAll = FakeFault.Status(500);

        var run = await RunAsync("--retries", "0", "AAPL", "MSFT", "GOOG");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Equal(4, run.OutLines.Length);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("quotefetch: all 3 symbols failed with http: ", line, StringComparison.Ordinal);
        Assert.Contains("500", line, StringComparison.Ordinal);
        Assert.EndsWith("check --base-url", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeSymbolPriced_NoSummary()
    {
        Server.Options.FaultForAll = FakeFault.Status(500);
        Server.Options.Faults["AAPL"] = FakeFault.Delay(TimeSpan.Zero);

        var run = await RunAsync("--retries", "0", "AAPL", "MSFT", "GOOG");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task FailuresOfDifferentKinds_NoSummary()
    {
        Server.Options.FaultForAll = FakeFault.Status(500);

        var run = await RunAsync("--retries", "0", "AAPL", "MSFT", "BAD/X");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData(QuoteErrorKind.Http, "check --base-url")]
    [InlineData(QuoteErrorKind.Network, "check the network, --base-url and any proxy (HTTPS_PROXY)")]
    [InlineData(QuoteErrorKind.Timeout, "raise --timeout or --deadline")]
    [InlineData(QuoteErrorKind.RateLimited, "lower --concurrency or set --rate")]
    [InlineData(QuoteErrorKind.BadResponse, "check --base-url: is it a Yahoo chart API?")]
    public void Summary_NamesTheKindTheFirstMessageAndAdvice(QuoteErrorKind kind, string advice)
    {
        var summary = new FailureSummary();
        summary.Add(QuoteResult.Failure("AAPL", kind, "went \u001b[31mwrong"));
        summary.Add(QuoteResult.Failure("MSFT", kind, "went wrong too"));

        Assert.Equal(
            $"quotefetch: all 2 symbols failed with {kind.ToWireName()}: went [31mwrong (AAPL); {advice}",
            summary.Line
        );
    }

    [Fact]
    public void Summary_OneSymbolOrCancelled_SaysNothing()
    {
        var one = new FailureSummary();
        one.Add(QuoteResult.Failure("AAPL", QuoteErrorKind.Http, "HTTP 404"));
        var cancelled = new FailureSummary();
        cancelled.Add(QuoteResult.Failure("AAPL", QuoteErrorKind.Cancelled, "cancelled"));
        cancelled.Add(QuoteResult.Failure("MSFT", QuoteErrorKind.Cancelled, "cancelled"));

        Assert.Null(one.Line);
        Assert.Null(cancelled.Line);
    }
}
