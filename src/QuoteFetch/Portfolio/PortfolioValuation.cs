namespace QuoteFetch;

/// <summary>
/// A portfolio valued in one base currency. Built with an object initializer, so that a field added later breaks no
/// caller.
/// </summary>
public sealed record PortfolioValuation
{
    /// <summary>The currency every total is in, e.g. <c>USD</c>.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>One entry per distinct symbol, in the order the holdings were given.</summary>
    public required IReadOnlyList<PositionValue> Positions { get; init; }

    /// <summary>The totals and what they leave out.</summary>
    public required PortfolioTotal Total { get; init; }

    /// <summary>The rates used, one per currency converted, sorted by <see cref="FxRate.From"/>.</summary>
    public required IReadOnlyList<FxRate> Rates { get; init; }

    /// <summary>Totals per <see cref="PositionValue.ValueCurrency"/> of the positions with a value, sorted by currency.</summary>
    public required IReadOnlyDictionary<string, decimal> ValueByCurrency { get; init; }
}
