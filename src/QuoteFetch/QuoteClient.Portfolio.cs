namespace QuoteFetch;

public sealed partial class QuoteClient
{
    /// <summary>
    /// Values <paramref name="holdings"/> in <paramref name="baseCurrency"/>: one batch asks for every position's price
    /// and the FX pairs its currency is expected to need (from the exchange suffix, or the holding's own currency).
    /// Only when a direct pair fails, or a position's currency was not foreseen, a second batch asks for the inverse
    /// pairs and the legs of a cross through USD. Minor units (GBp, GBX, ILA, ZAc) are divided by 100 first.
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
        await FetchIntoAsync(results, PortfolioValuer.FirstRound(merged, target), cancellationToken)
            .ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested && UnreachableReason is null)
        {
            var fallbacks = PortfolioValuer.NextRound(merged, results, target);
            if (fallbacks.Count > 0)
            {
                await FetchIntoAsync(results, fallbacks, cancellationToken).ConfigureAwait(false);
            }
        }
        return PortfolioValuer.Value(merged, results, target);
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
