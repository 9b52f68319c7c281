namespace QuoteFetch.Cli;

/// <summary>
/// Watches a batch for the one case where a row per symbol hides the point: every symbol failed the same way,
/// which is a wrong --base-url, no network or a throttled client far more often than a bad portfolio.
/// </summary>
internal sealed class FailureSummary
{
    private int _count;
    private string? _firstSymbol;
    private QuoteError? _firstError;
    private bool _mixed;

    public void Add(QuoteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Add(result.Symbol, result.Error);
    }

    /// <param name="symbol">The result's symbol.</param>
    /// <param name="error">Its error; null for a success.</param>
    public void Add(string symbol, QuoteError? error)
    {
        _count++;
        Failures += error is null ? 0 : 1;
        if (_count == 1)
        {
            _firstSymbol = symbol;
            _firstError = error;
        }
        _mixed |= error is null || error.Kind != _firstError?.Kind;
    }

    /// <summary>How many of the results seen so far have no price.</summary>
    public int Failures { get; private set; }

    public IAsyncEnumerable<QuoteResult> Observe(IAsyncEnumerable<QuoteResult> results) =>
        Observe(results, result => result.Symbol, result => result.Error);

    public async IAsyncEnumerable<T> Observe<T>(
        IAsyncEnumerable<T> results,
        Func<T, string> symbolOf,
        Func<T, QuoteError?> errorOf
    )
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(symbolOf);
        ArgumentNullException.ThrowIfNull(errorOf);
        await foreach (var result in results.ConfigureAwait(false))
        {
            Add(symbolOf(result), errorOf(result));
            yield return result;
        }
    }

    /// <summary>
    /// The line for standard error, or null: one symbol's own row says it all, and cancelled symbols are already
    /// explained by the interruption.
    /// </summary>
    public string? Line =>
        _count < 2 || _mixed || _firstError is not { } error || error.Kind == QuoteErrorKind.Cancelled
            ? null
            : $"quotefetch: all {_count} symbols failed with {error.Kind.ToWireName()}: "
                + $"{UntrustedText.ForTerminal(error.Message)} ({_firstSymbol}); {Advice(error.Kind)}";

    private static string Advice(QuoteErrorKind kind) =>
        kind switch
        {
            QuoteErrorKind.Http => "check --base-url",
            QuoteErrorKind.BadResponse => "check --base-url: is it a Yahoo chart API?",
            QuoteErrorKind.Network => "check the network, --base-url and any proxy (HTTPS_PROXY)",
            QuoteErrorKind.Timeout => "raise --timeout or --deadline",
            QuoteErrorKind.RateLimited => Cli.Advice.RateLimited,
            QuoteErrorKind.NotFound => "check the symbols and --base-url",
            _ => "check the symbols",
        };
}
