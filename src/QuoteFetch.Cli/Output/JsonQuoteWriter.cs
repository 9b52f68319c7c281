using System.Text.Json;

namespace QuoteFetch.Cli;

/// <summary>
/// A JSON array of results with exact, unrounded prices, one object per line; in completion order each object is
/// flushed as it arrives.
/// </summary>
internal sealed class JsonQuoteWriter(bool flushEachItem = false) : IQuoteWriter
{
    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        await output.WriteAsync('[').ConfigureAwait(false);
        var first = true;
        await foreach (var result in results.ConfigureAwait(false))
        {
            await output.WriteAsync(first ? "\n  " : ",\n  ").ConfigureAwait(false);
            await output.WriteAsync(Serialize(result)).ConfigureAwait(false);
            first = false;
            if (flushEachItem)
            {
                await output.FlushAsync().ConfigureAwait(false);
            }
        }
        await output.WriteLineAsync(first ? "]" : "\n]").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    public static string Serialize(QuoteResult result) =>
        JsonSerializer.Serialize(OutputRecord.From(result), OutputJsonContext.Relaxed.OutputRecord);
}
