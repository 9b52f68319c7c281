namespace QuoteFetch;

/// <summary>Why one symbol has no price.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">A human-readable explanation; for <see cref="QuoteErrorKind.NotFound"/> it carries Yahoo's own description.</param>
public sealed record QuoteError(QuoteErrorKind Kind, string Message);
