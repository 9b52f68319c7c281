namespace QuoteFetch.Cli;

/// <summary>One JSON object per symbol and line (the shape of <see cref="JsonHistoryWriter"/>'s), flushed as each symbol completes.</summary>
internal sealed class NdjsonHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Streaming.WriteEachAsync(
            results,
            output,
            result => output.WriteLineAsync(HistoryRecord.Serialize(result, options))
        );
    }
}
