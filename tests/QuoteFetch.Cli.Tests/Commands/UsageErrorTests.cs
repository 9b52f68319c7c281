namespace QuoteFetch.Cli.Tests.Commands;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new string[0], "quotefetch: no symbols given")]
    [InlineData(
        new[] { "-f", "/no/such/file.txt" },
        "quotefetch: cannot read symbol file '/no/such/file.txt': no such file"
    )]
    [InlineData(new[] { "--bogus", "AAPL" }, "quotefetch: unknown option '--bogus'")]
    [InlineData(new[] { "--format", "xml", "AAPL" }, "quotefetch: ")]
    [InlineData(new[] { "-c", "0", "AAPL" }, "quotefetch: --concurrency must be between 1 and 10000, not 0")]
    [InlineData(new[] { "--timeout", "-1", "AAPL" }, "quotefetch: --timeout must be between 0.01 and 86400, not -1")]
    [InlineData(new[] { "--timeout", "1e12", "AAPL" }, "quotefetch: --timeout must be between 0.01 and 86400")]
    [InlineData(new[] { "--timeout", "NaN", "AAPL" }, "quotefetch: --timeout must be between 0.01 and 86400, not NaN")]
    [InlineData(new[] { "--deadline", "1e300", "AAPL" }, "quotefetch: --deadline must be between 0.01 and 604800")]
    [InlineData(new[] { "--rate", "1e-9", "AAPL" }, "quotefetch: --rate must be between 0.01 and 100000")]
    [InlineData(new[] { "--retries", "-1", "AAPL" }, "quotefetch: --retries must be between 0 and 100, not -1")]
    [InlineData(new[] { "--user-agent", "", "AAPL" }, "quotefetch: --user-agent must not be empty")]
    [InlineData(new[] { "--decimals", "99", "AAPL" }, "quotefetch: --decimals must be between 0 and 12, not 99")]
    [InlineData(new[] { "--base-url", "not a url", "AAPL" }, "quotefetch: 'not a url' is not a usable base URL")]
    [InlineData(new[] { "--http-version", "3", "AAPL" }, "quotefetch: '3' is not an HTTP version")]
    public async Task BadInput_ExitsTwoWithOneLineMessageAndHint(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("(", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Help_ListsOptionsAndExamples()
    {
        var run = await CliRun.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--tickers", run.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains("--base-url", run.Out, StringComparison.Ordinal);
        Assert.Contains("quotefetch [<SYMBOL>...] [options]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsIt()
    {
        var run = await CliRun.RunAsync(["--version"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out);
    }
}
