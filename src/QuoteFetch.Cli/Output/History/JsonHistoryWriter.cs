namespace QuoteFetch.Cli;

/// <summary>
/// A JSON array with one object per symbol, one object per line, each written and flushed as its symbol arrives
/// (nothing waits for the whole batch).
/// </summary>
internal sealed class JsonHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync('[').ConfigureAwait(false);
        var first = true;
        await Streaming
            .WriteEachAsync(
                results,
                output,
                async result =>
                {
                    await output.WriteAsync(first ? "\n  " : ",\n  ").ConfigureAwait(false);
                    first = false;
                    await output.WriteAsync(HistoryRecord.Serialize(result, options)).ConfigureAwait(false);
                }
            )
            .ConfigureAwait(false);
        await output.WriteLineAsync(first ? "]" : "\n]").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
