namespace QuoteFetch.Cli;

/// <summary>
/// A JSON array with one object per symbol, one object per line, each written and flushed as its symbol arrives
/// (nothing waits for the whole batch).
/// </summary>
internal sealed class JsonHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        using var json = new HistoryJsonText(options);
        await Streaming.WriteJsonArrayAsync(results, output, json.Write).ConfigureAwait(false);
    }
}
