namespace QuoteFetch.Cli.Tests.Process;

/// <summary><c>history</c> as a real process where only a process shows the defect: terminals, pipes, signals.</summary>
public sealed class HistoryProcessTests : FakeYahooTestBase
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(20);

    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    [Fact]
    public async Task ReaderGone_WhileTheProgressBarRuns_GivesTheTerminalItsCursorBack()
    {
        // history streams with its bar on a terminal's standard error while standard output is a pipe. When the pipe's
        // reader goes (| head -c 1 after the CSV header), the process ends at once with 141; the bar had hidden the
        // cursor, and nothing showed it again: the user's shell was left without a cursor.
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        using var cli = CliProcess.StartOnTerminal(
            ["history", .. Args("S1", "S2", "--range", "1mo", "--format", "csv")],
            environment: "TERM=xterm-256color",
            pipeTo: "head -c 1 >/dev/null"
        );

        var (exitCode, terminal, _) = await cli.WaitAsync(Promptly);

        Assert.Equal(0, exitCode);
        Assert.Contains(HideCursor, terminal, StringComparison.Ordinal);
        Assert.True(
            terminal.LastIndexOf(ShowCursor, StringComparison.Ordinal)
                > terminal.LastIndexOf(HideCursor, StringComparison.Ordinal),
            $"the cursor stays hidden: {terminal.Replace("\u001b", "ESC", StringComparison.Ordinal)}"
        );
    }
}
