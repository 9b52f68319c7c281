namespace QuoteFetch;

/// <summary>Stable names for <see cref="QuoteErrorKind"/>, as written in every output format.</summary>
public static class QuoteErrorKindExtensions
{
    /// <summary>The kebab-case name of the kind, e.g. <c>not-found</c>.</summary>
    /// <param name="kind">The kind to name.</param>
    /// <returns>The stable wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static string ToWireName(this QuoteErrorKind kind) =>
        kind switch
        {
            QuoteErrorKind.InvalidSymbol => "invalid-symbol",
            QuoteErrorKind.NotFound => "not-found",
            QuoteErrorKind.RateLimited => "rate-limited",
            QuoteErrorKind.Http => "http",
            QuoteErrorKind.Network => "network",
            QuoteErrorKind.Timeout => "timeout",
            QuoteErrorKind.BadResponse => "bad-response",
            QuoteErrorKind.Cancelled => "cancelled",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown error kind."),
        };
}
