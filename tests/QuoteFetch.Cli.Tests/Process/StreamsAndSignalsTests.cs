namespace QuoteFetch.Cli.Tests.Process;

/// <summary>Signals at every stage, and standard streams that are closed, full or abandoned by their reader.</summary>
public sealed class StreamsAndSignalsTests : FakeYahooTestBase, IDisposable
{
    // Long enough for a loaded machine to start a process, short enough that "runs until killed" fails.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    private readonly string _symbolFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_symbolFile);

    private string FiveThousandSymbols()
    {
        File.WriteAllLines(_symbolFile, Enumerable.Range(1, 5_000).Select(i => $"S{i}"));
        return _symbolFile;
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("HUP")]
    public async Task Signal_WhileReadingAnOpenStdin_ExitsAt130AtOnce(string signal)
    {
        // tail -f | quotefetch, stopped by timeout or systemd: one signal, and standard input never ends.
        using var cli = CliProcess.Start(Args("-f", "-"), keepInputOpen: true);
        await cli.WaitUntilReadingInputAsync();

        await cli.SignalAsync(signal);
        var (exitCode, output, error) = await cli.WaitAsync(Promptly);

        Assert.Equal(130, exitCode);
        Assert.Equal("", output);
        Assert.Equal("", error);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task Sigquit_KeepsItsDefault_QuitsAtOnceWithoutResults()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        // No core file from the test: the decision pinned here is "quit now, as the default action does".
        using var cli = CliProcess.StartInShell("", Args("S1", "S2"), prelude: "ulimit -c 0; ");
        await WaitForRequestsAsync(2);

        await cli.SignalAsync("QUIT");
        var (exitCode, output, _) = await cli.WaitAsync(Promptly);

        Assert.Equal(128 + 3, exitCode);
        // The CSV header may have been flushed while the requests were out; no result may follow it.
        Assert.DoesNotContain("S1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneSignal_WhileTheOutputIsBlocked_EndsTheRunAfterTheWindDownGrace()
    {
        // The test never reads standard output: once the pipe is full, every write blocks, as behind a stalled reader.
        using var cli = CliProcess.Start(Args("--order", "completion", "-f", FiveThousandSymbols()));
        // A blocked output also holds the batch back (the engine's channel is bounded), so fewer than the pipe's and
        // the writer's buffers' worth of rows are fetched; after the signal, the 5,000 rows to write block it for sure.
        await WaitForRequestsAsync(300);

        await cli.SignalAsync("TERM");
        var (exitCode, _) = await cli.WaitWithoutOutputAsync(Interrupts.WindDownGrace + Promptly);

        Assert.Equal(130, exitCode);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task OnATerminal_TheTerminalIsNotSwitchedToKeypadMode(string format)
    {
        // Console.In and Console.WindowWidth set a terminal up for key input (ESC[?1h ESC=) and never undo it.
        using var cli = CliProcess.StartOnTerminal(Args("--format", format, "AAPL"));

        var (exitCode, output, _) = await cli.WaitAsync(Promptly);

        Assert.Equal(0, exitCode);
        Assert.Contains("AAPL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[?1h", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadOne_CompletionOrder_StopsQuietlyWith141()
    {
        using var cli = CliProcess.Start(Args("--rate", "100", "--order", "completion", "-f", FiveThousandSymbols()));

        var first = await cli.ReadLineAsync();
        cli.CloseOutput();
        var (exitCode, error) = await cli.WaitWithoutOutputAsync(Promptly);

        Assert.Equal(CsvQuoteWriter.Header, first);
        Assert.Equal(141, exitCode);
        Assert.Equal("", error);
        Assert.True(Server.RequestCount < 1_000, $"the server saw {Server.RequestCount} requests");
    }

    [Fact]
    public async Task ReaderGone_InputOrderBeforeAnythingWasWritten_StopsQuietlyWith141()
    {
        // In input order nothing is written until the last result is in: the reader's leaving must be noticed anyway.
        using var cli = CliProcess.Start(Args("--rate", "100", "-f", FiveThousandSymbols()));
        await WaitForRequestsAsync(1);

        cli.CloseOutput();
        var (exitCode, error) = await cli.WaitWithoutOutputAsync(Promptly);

        Assert.Equal(141, exitCode);
        Assert.Equal("", error);
        Assert.True(Server.RequestCount < 1_000, $"the server saw {Server.RequestCount} requests");
    }

    [Theory]
    [InlineData(">/dev/full", "quotefetch: cannot write the output: No space left on device")]
    [InlineData(">&-", "quotefetch: cannot write the output: standard output is closed")]
    public async Task UnwritableStdout_IsAnIoError_OneLineAndExit74(string redirection, string message)
    {
        using var cli = CliProcess.StartInShell(redirection, Args("AAPL", "MSFT"));

        var (exitCode, _, error) = await cli.WaitAsync(Promptly);

        Assert.Equal(74, exitCode);
        Assert.Equal(message + "\n", error);
    }

    [Theory]
    [InlineData(0, "symbol,price,", "-v", "AAPL")] // the log lines have nowhere to go
    [InlineData(2, "")] // the usage error has nowhere to go
    public async Task ClosedStderr_NeverAborts(int expectedExitCode, string outputStart, params string[] args)
    {
        using var cli = CliProcess.StartInShell("2>&-", Args(args));

        var (exitCode, output, _) = await cli.WaitAsync(Promptly);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.StartsWith(outputStart, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedStdin_IsEmptyInput_NoSymbolsUsageError()
    {
        using var cli = CliProcess.StartInShell("<&-", Args("-f", "-"));

        var (exitCode, output, error) = await cli.WaitAsync(Promptly);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("quotefetch: standard input has no symbols", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedStdin_SignalsStillWork()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        using var cli = CliProcess.StartInShell("<&-", Args("--format", "ndjson", "S1", "S2"));
        await WaitForRequestsAsync(2);

        await cli.SignalAsync("TERM");
        var (exitCode, output, _) = await cli.WaitAsync(Promptly);

        Assert.Equal(130, exitCode);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
