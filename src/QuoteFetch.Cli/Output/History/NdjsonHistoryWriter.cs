namespace QuoteFetch.Cli;

/// <summary>One JSON object per symbol and line (the shape of <see cref="JsonHistoryWriter"/>'s), flushed as each symbol completes.</summary>
internal sealed class NdjsonHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var json = new HistoryJsonText(options);
        await Streaming
            .WriteEachAsync(results, output, result => output.WriteLineAsync(json.Write(result)))
            .ConfigureAwait(false);
    }
}
