namespace QuoteFetch.Cli;

/// <summary>
/// What the user can do about one symbol's failure, in the CLI's own flags. The library says what happened in
/// neutral words; only the CLI knows which flag changes it.
/// </summary>
internal static class Advice
{
    public const string RateLimited = "lower --concurrency or set --rate";
    public const string Timeout = "raise --timeout if the source is slow";

    // The library's texts for "every attempt got 429" and "an attempt ran out of time"; a refused Retry-After wait or
    // the run's deadline are other stories, with their own words.
    private const string TooManyRequests = "the source answered 429 Too Many Requests";
    private const string NoCompleteAnswer = "no complete answer within ";

    /// <summary>The advice for this error, or null when the message needs none.</summary>
    public static string? For(QuoteError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            QuoteErrorKind.RateLimited when error.Message.StartsWith(TooManyRequests, StringComparison.Ordinal) =>
                RateLimited,
            QuoteErrorKind.Timeout when error.Message.StartsWith(NoCompleteAnswer, StringComparison.Ordinal) => Timeout,
            _ => null,
        };
    }

    /// <summary>The results, with the advice appended to the message of each failure that has one.</summary>
    public static IAsyncEnumerable<QuoteResult> Add(IAsyncEnumerable<QuoteResult> results) =>
        Add(
            results,
            result => result.Error,
            (result, message) => QuoteResult.Failure(result.Symbol, result.Error!.Kind, message)
        );

    /// <summary>The history results, with the advice appended to the message of each failure that has one.</summary>
    public static IAsyncEnumerable<HistoryResult> Add(IAsyncEnumerable<HistoryResult> results) =>
        Add(
            results,
            result => result.Error,
            (result, message) => HistoryResult.Failure(result.Symbol, result.Error!.Kind, message)
        );

    private static async IAsyncEnumerable<T> Add<T>(
        IAsyncEnumerable<T> results,
        Func<T, QuoteError?> errorOf,
        Func<T, string, T> withMessage
    )
    {
        ArgumentNullException.ThrowIfNull(results);
        await foreach (var result in results.ConfigureAwait(false))
        {
            yield return errorOf(result) is { } error && For(error) is { } advice
                ? withMessage(result, $"{error.Message}; {advice}")
                : result;
        }
    }
}
