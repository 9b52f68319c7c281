using System.Text.Json;

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

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_MidBatch_WithAJsonFile_Exits130_AndTheFileIsWholeJsonWithEverySymbolOnce(string signal)
    {
        // S1 answers at once; the others hang until the signal, so the file is cut while the batch runs.
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        Server.Options.LatencyBySymbol["S1"] = TimeSpan.Zero;
        var path = Path.Combine(Path.GetTempPath(), $"quotefetch-history-{Guid.NewGuid():N}.json");
        try
        {
            using var cli = CliProcess.Start(["history", .. Args("S1", "S2", "S3", "--range", "1mo", "-o", path)]);
            await WaitForRequestsAsync(3);
            // S1's answer has reached the file (flushed while S2 is awaited): a signal sent when only the server had
            // answered could, on a busy machine, arrive before the answer was read, and S1 was then cancelled too.
            await WaitForFileContainingAsync(path, "\"symbol\":\"S1\"");

            await cli.SignalAsync(signal);
            var (exitCode, output, _) = await cli.WaitAsync(Promptly);

            Assert.Equal(130, exitCode);
            Assert.Equal("", output);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var results = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(["S1", "S2", "S3"], results.Select(result => result.GetProperty("symbol").GetString()));
            Assert.NotEqual(0, results[0].GetProperty("bars").GetArrayLength());
            Assert.All(
                results.Skip(1),
                result => Assert.Equal("cancelled", result.GetProperty("error").GetProperty("kind").GetString())
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReaderOfStandardOutputGone_WhileResultsGoToAFile_TheRunGoesOn()
    {
        // 141 is for a run whose results nobody reads any more. With -o the results go to the file, and standard
        // output's reader (| true, a closed pipe) going away stopped the run at once: no file, exit 141.
        Server.Options.Latency = TimeSpan.FromMilliseconds(100);
        var path = Path.Combine(Path.GetTempPath(), $"quotefetch-history-{Guid.NewGuid():N}.csv");
        try
        {
            using var cli = CliProcess.Start([
                "history",
                .. Args("S1", "S2", "S3", "S4", "--range", "1mo", "-c", "1", "-o", path),
            ]);
            cli.CloseOutput();

            var (exitCode, error) = await cli.WaitWithoutOutputAsync(Promptly);

            Assert.Equal(0, exitCode);
            Assert.Equal("", error);
            Assert.Equal(
                ["symbol", "S1", "S2", "S3", "S4"],
                File.ReadLines(path).Select(line => line.Split(',')[0]).Distinct()
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WaitForFileContainingAsync(string path, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(waited.Elapsed < Promptly, $"{path} never had {text}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
