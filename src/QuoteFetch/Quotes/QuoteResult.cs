namespace QuoteFetch;

/// <summary>The outcome for one requested symbol: a <see cref="Quote"/> or a <see cref="QuoteError"/>, never both.</summary>
public sealed record QuoteResult
{
    private QuoteResult(string symbol, Quote? quote, QuoteError? error)
    {
        Symbol = symbol;
        Quote = quote;
        Error = error;
    }

    /// <summary>The symbol as requested, after trimming and upper-casing.</summary>
    public string Symbol { get; }

    /// <summary>The price, when the symbol was priced.</summary>
    public Quote? Quote { get; }

    /// <summary>Why there is no price, when there is none.</summary>
    public QuoteError? Error { get; }

    /// <summary>Whether the symbol was priced.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Quote))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Quote is not null;

    /// <summary>A priced result.</summary>
    /// <param name="symbol">The requested symbol.</param>
    /// <param name="quote">Its quote.</param>
    /// <returns>The result.</returns>
    public static QuoteResult Success(string symbol, Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new QuoteResult(symbol, quote, null);
    }

    /// <summary>A failed result.</summary>
    /// <param name="symbol">The requested symbol.</param>
    /// <param name="kind">Why it failed.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <returns>The result.</returns>
    public static QuoteResult Failure(string symbol, QuoteErrorKind kind, string message) =>
        new(symbol, null, new QuoteError { Kind = kind, Message = message });
}
