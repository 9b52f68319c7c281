using System.Text.Json;

namespace QuoteFetch.Cli;

/// <summary>
/// A JSON array of results with exact, unrounded prices, one object per line; objects stream: each is flushed as
/// soon as no further result is ready.
/// </summary>
internal sealed class JsonQuoteWriter : IQuoteWriter
{
    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
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
                    await output.WriteAsync(Serialize(result)).ConfigureAwait(false);
                }
            )
            .ConfigureAwait(false);
        await output.WriteLineAsync(first ? "]" : "\n]").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    public static string Serialize(QuoteResult result) =>
        JsonSerializer.Serialize(OutputRecord.From(result), OutputJsonContext.Relaxed.OutputRecord);
}
