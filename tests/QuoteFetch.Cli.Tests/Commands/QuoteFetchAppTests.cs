namespace QuoteFetch.Cli.Tests.Commands;

public sealed class QuoteFetchAppTests : FakeYahooTestBase
{
    [Fact]
    public async Task ArgumentException_OnceTheBatchHasStarted_IsNotAUsageError()
    {
        // Only binding and checking the options, before the first request, can make a usage error of it.
        using var error = new StringWriter();
        var console = new CliConsole(
            TextReader.Null,
            new ThrowingWriter(),
            error,
            IsOutputTerminal: false,
            IsInputRedirected: false,
            _ => null
        );

        var exitCode = await QuoteFetchApp.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--order", "completion", "AAPL"],
            console
        );

        Assert.Equal(ExitCodes.InternalError, exitCode);
        Assert.DoesNotContain("--help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgumentException_BeforeTheBatchStarts_IsAUsageError()
    {
        // A NUL slips past the --user-agent check (it is char's default); QuoteClientOptions.Validate refuses it.
        using var error = new StringWriter();
        var console = new CliConsole(
            TextReader.Null,
            new StringWriter(),
            error,
            IsOutputTerminal: false,
            IsInputRedirected: false,
            _ => null
        );

        var exitCode = await QuoteFetchApp.RunAsync(Args("--user-agent", "a\0b", "AAPL"), console);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("(run 'quotefetch --help' for the options)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task BatchStarting_IsCalledOnceAfterBindingAndBeforeTheFirstRequest()
    {
        var requestsSeen = new List<int>();
        using var output = new StringWriter();
        var console = new CliConsole(
            TextReader.Null,
            output,
            TextWriter.Null,
            IsOutputTerminal: false,
            IsInputRedirected: false,
            _ => null
        )
        {
            BatchStarting = () => requestsSeen.Add(Server.RequestCount),
        };

        var exitCode = await QuoteFetchApp.RunAsync(["--base-url", Server.BaseAddress.ToString(), "AAPL"], console);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal([0], requestsSeen);
    }

    /// <summary>Output that refuses every write the way a misbehaving sink might, with an ArgumentException.</summary>
    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new ArgumentException("the sink refuses this");

        public override void Write(string? value) => throw new ArgumentException("the sink refuses this");

        public override Task WriteAsync(string? value) => throw new ArgumentException("the sink refuses this");

        public override Task WriteLineAsync(string? value) => throw new ArgumentException("the sink refuses this");

        public override Task FlushAsync() => throw new ArgumentException("the sink refuses this");
    }
}
