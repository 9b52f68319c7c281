namespace QuoteFetch;

/// <summary>Why a symbol has no price. The set is closed: callers may switch over it exhaustively.</summary>
public enum QuoteErrorKind
{
    /// <summary>The symbol is not in Yahoo's alphabet; no request was sent.</summary>
    InvalidSymbol = 1,

    /// <summary>Yahoo does not know the symbol (HTTP 404 or <c>chart.error</c> "Not Found").</summary>
    NotFound = 2,

    /// <summary>Yahoo kept answering 429 Too Many Requests after every retry.</summary>
    RateLimited = 3,

    /// <summary>Yahoo answered with another unsuccessful HTTP status.</summary>
    Http = 4,

    /// <summary>The connection failed: refused, reset, or closed before the body was complete.</summary>
    Network = 5,

    /// <summary>The request or the whole run took longer than allowed.</summary>
    Timeout = 6,

    /// <summary>The answer arrived but is not a usable chart body.</summary>
    BadResponse = 7,

    /// <summary>The caller cancelled before the symbol was priced.</summary>
    Cancelled = 8,
}
