namespace QuoteFetch.Cli.Tests.Commands;

/// <summary><c>history</c> used carelessly or with hostile intent: each test pins a promise a user found broken.</summary>
public sealed class HistoryHostileTests : FakeYahooTestBase
{
    private Task<CliRun> HistoryAsync(params string[] args) =>
        CliRun.RunAsync(["history", "--base-url", Server.BaseAddress.ToString(), .. args]);

    // 1mo fits the file stream's buffer, so the disk is found full only when the file is closed; max overflows it.
    [Theory]
    [InlineData("1mo")]
    [InlineData("max")]
    public async Task OutputToAFullDisk_IsAnOutputError_NotABug(string range)
    {
        var run = await HistoryAsync("AAPL", "MSFT", "--range", range, "-o", "/dev/full");

        Assert.Equal(74, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: cannot write the output: '/dev/full': No space left on device",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
