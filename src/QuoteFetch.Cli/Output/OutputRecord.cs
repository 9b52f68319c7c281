using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

/// <summary>The JSON/NDJSON shape of one result; other tools depend on it, so fields and order are fixed.</summary>
internal sealed record OutputRecord(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("price")] decimal? Price,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("exchange")] string? Exchange,
    [property: JsonPropertyName("marketTime")] DateTimeOffset? MarketTime,
    [property: JsonPropertyName("error")] OutputError? Error
)
{
    public static OutputRecord From(QuoteResult result) =>
        new(
            result.Symbol,
            result.Quote?.Price,
            result.Quote?.Currency,
            result.Quote?.Exchange,
            result.Quote?.MarketTime,
            result.Error is { } error ? new OutputError(error.Kind.ToWireName(), error.Message) : null
        );
}

internal sealed record OutputError(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message
);
