using System.Text.Json;

namespace QuoteFetch.Cli;

/// <summary>
/// A JSON array of results with exact, unrounded prices, one object per line; objects stream: each is flushed as
/// soon as no further result is ready.
/// </summary>
internal sealed class JsonQuoteWriter : IQuoteWriter
{
    public Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output) =>
        Streaming.WriteJsonArrayAsync(results, output, Serialize);

    public static string Serialize(QuoteResult result) =>
        JsonSerializer.Serialize(OutputRecord.From(result), OutputJsonContext.Relaxed.OutputRecord);
}
