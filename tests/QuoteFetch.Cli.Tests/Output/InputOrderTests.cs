using System.Threading.Channels;

namespace QuoteFetch.Cli.Tests.Output;

public sealed class InputOrderTests : FakeYahooTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static QuoteResult Result(string symbol) => QuoteResult.Failure(symbol, QuoteErrorKind.NotFound, "gone");

    [Fact]
    public async Task InInputOrder_ReleasesEachResultAsSoonAsEveryEarlierOneHasArrived()
    {
        var channel = Channel.CreateUnbounded<QuoteResult>();
        await using var ordered = InputOrder
            .Restore(channel.Reader.ReadAllAsync(), ["A", "B", "C", "D"])
            .GetAsyncEnumerator();

        await channel.Writer.WriteAsync(Result("C"));
        var first = ordered.MoveNextAsync();
        Assert.False(first.IsCompleted); // C waits for A and B
        await channel.Writer.WriteAsync(Result("A"));
        Assert.True(await first.AsTask().WaitAsync(Patience));
        Assert.Equal("A", ordered.Current.Symbol);
        var second = ordered.MoveNextAsync();
        Assert.False(second.IsCompleted);
        await channel.Writer.WriteAsync(Result("B"));
        Assert.True(await second.AsTask().WaitAsync(Patience));
        Assert.Equal("B", ordered.Current.Symbol);
        Assert.True(await ordered.MoveNextAsync()); // C was held back, and is now next
        Assert.Equal("C", ordered.Current.Symbol);
        await channel.Writer.WriteAsync(Result("D"));
        channel.Writer.Complete();
        Assert.True(await ordered.MoveNextAsync());
        Assert.Equal("D", ordered.Current.Symbol);
        Assert.False(await ordered.MoveNextAsync());
    }

    [Fact]
    public async Task InInputOrder_ResultNotAskedForOrRepeated_IsPrintedAfterTheOthers_NeverDropped()
    {
        QuoteResult[] arrived = [Result("B"), Result("X"), Result("A"), Result("A"), Result("C")];

        var ordered = await InputOrder.Restore(arrived.ToAsyncEnumerable(), ["A", "B", "C"]).ToListAsync();

        Assert.Equal(["A", "B", "C", "X", "A"], ordered.Select(result => result.Symbol));
    }

    [Theory]
    [InlineData("csv", "FAST2,")]
    [InlineData("json", "\"symbol\":\"FAST2\"")]
    [InlineData("ndjson", "\"symbol\":\"FAST2\"")]
    public async Task OrderInput_LastSymbolSlow_EarlierRowsAreFlushedBeforeItArrives(string format, string fast2Row)
    {
        // SLOW answers long after the test's patience runs out: the earlier rows must be out while it is in flight.
        Server.Options.LatencyBySymbol["SLOW"] = TimeSpan.FromMinutes(5);
        using var output = new FlushSignallingWriter(flushed => flushed.Contains(fast2Row, StringComparison.Ordinal));
        using var error = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        var console = new CliConsole(TextReader.Null, output, error, false, false, _ => null);

        var run = QuoteFetchApp.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--format", format, "FAST1", "FAST2", "SLOW"],
            console,
            interrupt.Token
        );
        var flushedFirst = await output.Signal.WaitAsync(Patience);
        await interrupt.CancelAsync();

        Assert.Contains("FAST1", flushedFirst, StringComparison.Ordinal);
        Assert.DoesNotContain("SLOW", flushedFirst, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Interrupted, await run.WaitAsync(Patience));
        Assert.Contains("SLOW", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Completes <see cref="Signal"/> with what had been flushed when a flush first satisfied the condition.</summary>
    private sealed class FlushSignallingWriter(Func<string, bool> condition) : StringWriter
    {
        private readonly TaskCompletionSource<string> _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Signal => _signal.Task;

        public override void Flush()
        {
            var flushed = ToString();
            if (condition(flushed))
            {
                _signal.TrySetResult(flushed);
            }
        }

        public override Task FlushAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }
    }
}
