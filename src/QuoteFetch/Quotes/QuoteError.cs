namespace QuoteFetch;

/// <summary>
/// Why one symbol has no price. Built with an object initializer, so that a field added later breaks no caller.
/// </summary>
public sealed record QuoteError
{
    /// <summary>The kind of failure.</summary>
    public required QuoteErrorKind Kind { get; init; }

    /// <summary>
    /// What happened, in plain words; for <see cref="QuoteErrorKind.NotFound"/> it carries Yahoo's own description.
    /// </summary>
    public required string Message { get; init; }
}
