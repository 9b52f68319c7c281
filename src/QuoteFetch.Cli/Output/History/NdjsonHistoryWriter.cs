using System.Collections.Concurrent;

namespace QuoteFetch.Cli;

/// <summary>One JSON object per symbol and line (the shape of <see cref="JsonHistoryWriter"/>'s), flushed as each symbol completes.</summary>
internal sealed class NdjsonHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Lines are formatted on every core ahead of the one being written, each by a HistoryJsonText of its own
        // (its buffers are reused, so one is never shared): at most one per line being formatted.
        var idle = new ConcurrentBag<HistoryJsonText>();
        try
        {
            await Streaming
                .WriteEachAheadAsync(
                    results,
                    output,
                    (result, line) =>
                    {
                        var json = idle.TryTake(out var kept) ? kept : new HistoryJsonText(options);
                        try
                        {
                            line.Append(json.Write(result).Span).Append(output.NewLine);
                        }
                        finally
                        {
                            idle.Add(json);
                        }
                    },
                    ahead: Environment.ProcessorCount
                )
                .ConfigureAwait(false);
        }
        finally
        {
            foreach (var json in idle)
            {
                json.Dispose();
            }
        }
    }
}
