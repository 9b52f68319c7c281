namespace QuoteFetch.Cli.Tests.Output;

public sealed class TerminalEnvironmentTests : FakeYahooTestBase
{
    private Task<CliRun> RunTableAsync(Dictionary<string, string> environment, bool terminal = true) =>
        CliRun.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--format", "table", "AAPL", "FB"],
            terminal: terminal,
            environment: environment
        );

    [Fact]
    public async Task Table_Terminal_IsColoured()
    {
        var run = await RunTableAsync(new() { ["TERM"] = "xterm-256color" });

        Assert.Contains('\u001b', run.Out);
    }

    [Theory]
    [InlineData("TERM", "dumb")]
    [InlineData("NO_COLOR", "1")]
    public async Task Table_DumbTerminalOrNoColor_HasNoEscapeSequences(string name, string value)
    {
        var run = await RunTableAsync(new() { [name] = value });

        Assert.Contains("not-found: No data found", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public async Task Table_NoColorFlag_HasNoEscapeSequences_OnQuoteAndHistory()
    {
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color" };
        var quote = await CliRun.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--no-color", "--format", "table", "AAPL", "FB"],
            terminal: true,
            environment: environment
        );
        var history = await CliRun.RunAsync(
            ["history", "--base-url", Server.BaseAddress.ToString(), "--no-color", "--range", "1mo", "AAPL", "MSFT"],
            terminal: true,
            environment: environment
        );

        Assert.Contains("not-found: No data found", quote.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', quote.Out);
        Assert.Contains("MSFT", history.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', history.Out);
    }

    [Fact]
    public async Task Table_History_Terminal_IsColoured()
    {
        var run = await CliRun.RunAsync(
            ["history", "--base-url", Server.BaseAddress.ToString(), "--range", "1mo", "AAPL", "MSFT"],
            terminal: true,
            environment: new Dictionary<string, string> { ["TERM"] = "xterm-256color" }
        );

        Assert.Contains('\u001b', run.Out);
    }

    [Fact]
    public async Task Table_DumbErrorTerminal_GetsNoProgressBar()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(
            TextReader.Null,
            output,
            error,
            true,
            false,
            name => name == "TERM" ? "dumb" : null
        )
        {
            IsErrorTerminal = true,
        };

        var exitCode = await QuoteFetchApp.RunAsync(["--base-url", Server.BaseAddress.ToString(), "AAPL"], console);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error.ToString());
        Assert.Contains("AAPL", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Table_Columns_SetsTheWidthOnATerminalAndWhenPiped(bool terminal)
    {
        var run = await RunTableAsync(new() { ["COLUMNS"] = "50", ["TERM"] = "dumb" }, terminal);

        Assert.All(run.OutLines, line => Assert.InRange(line.Length, 1, 50));
        Assert.Contains(run.OutLines, line => line.Length == 50);
    }

    [Theory]
    [InlineData(null, 120, 120)] // the terminal's own size
    [InlineData("100", 120, 100)] // COLUMNS set explicitly wins
    [InlineData(" 90 ", 120, 90)]
    [InlineData("20", 120, 40)] // narrower than a usable table
    [InlineData("abc", 120, 120)] // unusable: ignored
    [InlineData("0", 120, 120)]
    [InlineData("-5", 120, 120)]
    [InlineData("99999999999", 120, 120)]
    [InlineData("", 120, 120)]
    public void TableWidth_FollowsColumnsWhenSet(string? columns, int consoleWidth, int expected) =>
        Assert.Equal(
            expected,
            TerminalEnvironment.TableWidth(consoleWidth, name => name == "COLUMNS" ? columns : null)
        );

    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(false, null, null, false)]
    [InlineData(true, "dumb", null, false)]
    [InlineData(true, "xterm", "1", false)]
    [InlineData(true, "xterm", "", true)] // no-color.org: an empty NO_COLOR does not count
    public void UseColor_FollowsTermAndNoColor(bool terminal, string? term, string? noColor, bool expected) =>
        Assert.Equal(
            expected,
            TerminalEnvironment.UseColor(
                terminal,
                name =>
                    name switch
                    {
                        "TERM" => term,
                        "NO_COLOR" => noColor,
                        _ => null,
                    }
            )
        );
}
