namespace QuoteFetch.Cli;

/// <summary>
/// One JSON object per line, flushed as soon as no further result is ready, so a pipe sees each result while the
/// batch runs.
/// </summary>
internal sealed class NdjsonQuoteWriter : IQuoteWriter
{
    public Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Streaming.WriteEachAsync(
            results,
            output,
            result => output.WriteLineAsync(JsonQuoteWriter.Serialize(result))
        );
    }
}
