namespace QuoteFetch.Cli;

/// <summary>One JSON object per line, flushed as each arrives, so a pipe sees results while the batch runs.</summary>
internal sealed class NdjsonQuoteWriter : IQuoteWriter
{
    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            await output.WriteLineAsync(JsonQuoteWriter.Serialize(result)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
