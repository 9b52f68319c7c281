using System.Diagnostics.CodeAnalysis;

namespace QuoteFetch;

/// <summary>
/// The outcome of a history request for one symbol: a <see cref="PriceHistory"/> or a <see cref="QuoteError"/>,
/// never both.
/// </summary>
/// <remarks>
/// Errors use the same kinds as quotes. Yahoo's own "Not Found" (an unknown symbol) is
/// <see cref="QuoteErrorKind.NotFound"/>; any other refusal Yahoo explains in <c>chart.error</c> (HTTP 400 "Data
/// doesn't exist for startDate…", 422 "Invalid input - interval=…") is <see cref="QuoteErrorKind.Http"/> with
/// Yahoo's description in the message; a body that cannot be read as a chart is
/// <see cref="QuoteErrorKind.BadResponse"/>. Timeouts, network failures, rate limits and cancellation are as for
/// quotes.
/// </remarks>
public sealed class HistoryResult
{
    private HistoryResult(string symbol, PriceHistory? history, QuoteError? error)
    {
        Symbol = symbol;
        History = history;
        Error = error;
    }

    /// <summary>The symbol as requested, after trimming and upper-casing.</summary>
    public string Symbol { get; }

    /// <summary>The history, when there is one (possibly with no bars: an empty range is not an error).</summary>
    public PriceHistory? History { get; }

    /// <summary>Why there is no history, when there is none.</summary>
    public QuoteError? Error { get; }

    /// <summary>Whether the symbol's history was read.</summary>
    [MemberNotNullWhen(true, nameof(History))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => History is not null;

    /// <summary>A result with a history.</summary>
    /// <param name="symbol">The requested symbol.</param>
    /// <param name="history">Its history.</param>
    /// <returns>The result.</returns>
    public static HistoryResult Success(string symbol, PriceHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new HistoryResult(symbol, history, null);
    }

    /// <summary>A failed result.</summary>
    /// <param name="symbol">The requested symbol.</param>
    /// <param name="kind">Why it failed.</param>
    /// <param name="message">A plain explanation.</param>
    /// <returns>The result.</returns>
    public static HistoryResult Failure(string symbol, QuoteErrorKind kind, string message) =>
        new(symbol, null, new QuoteError { Kind = kind, Message = message });
}
