namespace QuoteFetch.Cli;

/// <summary>
/// Watches a batch for the one case where a row per symbol hides the point: every symbol failed the same way,
/// which is a wrong --base-url, no network or a throttled client far more often than a bad portfolio.
/// </summary>
internal sealed class FailureSummary
{
    private int _count;
    private QuoteResult? _first;
    private bool _mixed;

    public void Add(QuoteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _count++;
        Failures += result.IsSuccess ? 0 : 1;
        if (_first is null)
        {
            _first = result;
        }
        _mixed |= result.Error is null || result.Error.Kind != _first.Error?.Kind;
    }

    /// <summary>How many of the results seen so far have no price.</summary>
    public int Failures { get; private set; }

    public async IAsyncEnumerable<QuoteResult> Observe(IAsyncEnumerable<QuoteResult> results)
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            Add(result);
            yield return result;
        }
    }

    /// <summary>
    /// The line for standard error, or null: one symbol's own row says it all, and cancelled symbols are already
    /// explained by the interruption.
    /// </summary>
    public string? Line =>
        _count < 2 || _mixed || _first?.Error is not { } error || error.Kind == QuoteErrorKind.Cancelled
            ? null
            : $"quotefetch: all {_count} symbols failed with {error.Kind.ToWireName()}: "
                + $"{UntrustedText.ForTerminal(error.Message)} ({_first.Symbol}); {Advice(error.Kind)}";

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
