namespace QuoteFetch;

public sealed partial class QuoteClient
{
    /// <summary>
    /// Values <paramref name="holdings"/> in <paramref name="baseCurrency"/>: one batch asks for every position's price
    /// and the FX pairs its currency is expected to need (from the exchange suffix, or the holding's own currency).
    /// Only when a direct pair fails, or a position's currency was not foreseen, a second batch asks for the inverse
    /// pairs and the legs of a cross through USD. Minor units (GBp, GBX, ILA, ZAc) are divided by 100 first.
    /// <see cref="QuoteClientOptions.Deadline"/> bounds both batches together.
    /// </summary>
    /// <param name="holdings">Positions; the same symbol given twice is one position, quantities and costs added.</param>
    /// <param name="baseCurrency">A three-letter code, e.g. <c>USD</c>.</param>
    /// <param name="cancellationToken">Stops the batch; positions without a price then carry a cancelled error.</param>
    /// <returns>Every position, valued or with the reason it is not, and the totals.</returns>
    /// <exception cref="ArgumentException"><paramref name="baseCurrency"/> is not a three-letter major currency code.</exception>
    public async Task<PortfolioValuation> ValuePortfolioAsync(
        IEnumerable<Holding> holdings,
        string baseCurrency = FxPairs.Usd,
        CancellationToken cancellationToken = default
    )
    {
        var target = PortfolioValuer.BaseCurrency(baseCurrency);
        var merged = PortfolioValuer.Merge(holdings);
        var results = new Dictionary<string, QuoteResult>(StringComparer.Ordinal);
        var started = _timeProvider.GetTimestamp();
        await FetchIntoAsync(results, PortfolioValuer.FirstRound(merged, target), cancellationToken)
            .ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested && UnreachableReason is null)
        {
            var fallbacks = PortfolioValuer.NextRound(merged, results, target);
            // The deadline bounds the whole valuation: the second round gets what the first left, or is not sent.
            var left = _engine.Deadline - _timeProvider.GetElapsedTime(started);
            if (fallbacks.Count > 0 && (left is null || left > TimeSpan.Zero))
            {
                await FetchFallbacksAsync(results, fallbacks, left, cancellationToken).ConfigureAwait(false);
            }
        }
        return PortfolioValuer.Value(merged, results, target);
    }

    private async Task FetchFallbacksAsync(
        Dictionary<string, QuoteResult> results,
        List<string> fallbacks,
        TimeSpan? left,
        CancellationToken cancellationToken
    )
    {
        if (left is not { } remaining)
        {
            await FetchIntoAsync(results, fallbacks, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var rest = new CancellationTokenSource(remaining, _timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, rest.Token);
        await FetchIntoAsync(results, fallbacks, either.Token).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        // Stopped by the run's deadline, not by the caller: say so as the engine says it.
        foreach (var pair in fallbacks)
        {
            if (results.TryGetValue(pair, out var result) && result.Error is { Kind: QuoteErrorKind.Cancelled })
            {
                results[pair] = QuoteResult.Failure(pair, QuoteErrorKind.Timeout, BatchEngine.DeadlineMessage);
            }
        }
    }

    private async Task FetchIntoAsync(
        Dictionary<string, QuoteResult> results,
        IEnumerable<string> symbols,
        CancellationToken cancellationToken
    )
    {
        foreach (var result in await InInputOrderAsync(_quotes, symbols, cancellationToken).ConfigureAwait(false))
        {
            results[result.Symbol] = result;
        }
    }
}
