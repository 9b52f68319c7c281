using System.Threading.Channels;

namespace QuoteFetch.Cli.Tests.Output.History;

/// <summary>
/// The streaming writers write and flush each symbol as it arrives: the first symbol is on the output while the
/// second is still on its way, so memory stays flat however many symbols follow.
/// </summary>
public sealed class HistoryStreamingTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    // OutputFormat is internal, so the theory names it.
    [Theory]
    [InlineData(nameof(OutputFormat.Csv), "AAPL,2020-08-31,")]
    [InlineData(nameof(OutputFormat.Json), "\"symbol\":\"AAPL\"")]
    [InlineData(nameof(OutputFormat.Ndjson), "\"symbol\":\"AAPL\"")]
    public async Task StreamingWriter_FirstSymbol_IsFlushedBeforeTheSecondArrives(string formatName, string first)
    {
        var format = Enum.Parse<OutputFormat>(formatName);
        var channel = Channel.CreateUnbounded<HistoryResult>();
        using var output = new FlushRecordingWriter();
        var writer = HistoryWriters.Create(format, wide: false, new HistoryOutputOptions());

        await channel.Writer.WriteAsync(samples.Daily[0]);
        var writing = writer.WriteAsync(channel.Reader.ReadAllAsync(), output);
        var flushed = await output.FlushedContaining(first).WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);

        Assert.False(writing.IsCompleted);
        Assert.DoesNotContain("MSFT", flushed, StringComparison.Ordinal);
        await channel.Writer.WriteAsync(samples.Daily[1]);
        channel.Writer.Complete();
        await writing;
        Assert.Contains("MSFT", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Text counts as written only once flushed, as with a pipe behind a buffer.</summary>
    private sealed class FlushRecordingWriter : StringWriter
    {
        private readonly Lock _lock = new();
        private readonly List<(string Text, TaskCompletionSource<string> Done)> _waiting = [];

        public Task<string> FlushedContaining(string text)
        {
            lock (_lock)
            {
                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((text, done));
                Check();
                return done.Task;
            }
        }

        public override void Flush()
        {
            base.Flush();
            lock (_lock)
            {
                Check();
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

        private void Check()
        {
            var flushed = ToString();
            foreach (var (text, done) in _waiting)
            {
                if (flushed.Contains(text, StringComparison.Ordinal))
                {
                    done.TrySetResult(flushed);
                }
            }
        }
    }
}
