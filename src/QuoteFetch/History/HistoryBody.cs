namespace QuoteFetch;

/// <summary>What a history body says: a <see cref="PriceHistory"/>, or why there is none.</summary>
internal sealed class HistoryBody
{
    private HistoryBody(PriceHistory? history, HistoryBodyProblem problem, string? message, string? code = null)
    {
        History = history;
        Problem = problem;
        Message = message;
        Code = code;
    }

    /// <summary>The history; null exactly when <see cref="Problem"/> is not <see cref="HistoryBodyProblem.None"/>.</summary>
    public PriceHistory? History { get; }

    public HistoryBodyProblem Problem { get; }

    /// <summary>One plain sentence: Yahoo's own description for <see cref="HistoryBodyProblem.Refused"/>.</summary>
    public string? Message { get; }

    /// <summary>Yahoo's <c>chart.error.code</c> for <see cref="HistoryBodyProblem.Refused"/> ("Not Found" for an unknown symbol).</summary>
    public string? Code { get; }

    public static HistoryBody Of(PriceHistory history) => new(history, HistoryBodyProblem.None, null);

    public static HistoryBody Refused(string message, string? code = null) =>
        new(null, HistoryBodyProblem.Refused, message, code);

    public static HistoryBody Bad(string message) => new(null, HistoryBodyProblem.BadBody, message);
}

/// <summary>Why a history body gave no history.</summary>
internal enum HistoryBodyProblem
{
    None,

    /// <summary>Yahoo answered with <c>chart.error</c> (HTTP 400/404/422, or 200 with an error): its description is the message.</summary>
    Refused,

    /// <summary>The body is not a chart Yahoo would send: not JSON, wrong types, ragged arrays, inexact numbers.</summary>
    BadBody,
}
