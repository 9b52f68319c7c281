namespace QuoteFetch;

/// <summary>
/// One position valued: its price, its value in the quote currency and in the base currency, gain and weight; or why
/// it has none. Built with an object initializer, so that a field added later breaks no caller. Every amount is exact
/// (unrounded) <see cref="decimal"/>.
/// </summary>
public sealed record PositionValue
{
    /// <summary>The symbol, trimmed and upper-cased.</summary>
    public required string Symbol { get; init; }

    /// <summary>Units held (the sum of the holdings given for the symbol).</summary>
    public required decimal Quantity { get; init; }

    /// <summary>The cost basis in <see cref="ValueCurrency"/>, when given.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The price as Yahoo sent it, in <see cref="Currency"/> (e.g. 305.3 in <c>GBp</c>).</summary>
    public decimal? Price { get; init; }

    /// <summary>The previous session's close as Yahoo sent it, in <see cref="Currency"/>, when sent.</summary>
    public decimal? PreviousClose { get; init; }

    /// <summary>The price's currency as Yahoo sent it, or the holding's override.</summary>
    public string? Currency { get; init; }

    /// <summary>Quantity × price in the major unit (pence become pounds).</summary>
    public decimal? Value { get; init; }

    /// <summary>The major currency of <see cref="Value"/> and <see cref="Cost"/>, e.g. <c>GBP</c> for <c>GBp</c>.</summary>
    public string? ValueCurrency { get; init; }

    /// <summary>Base-currency units per one <see cref="ValueCurrency"/> unit (1 when they are the same).</summary>
    public decimal? FxRate { get; init; }

    /// <summary><see cref="Value"/> × <see cref="FxRate"/>.</summary>
    public decimal? ValueInBase { get; init; }

    /// <summary><see cref="Cost"/> × <see cref="FxRate"/>.</summary>
    public decimal? CostInBase { get; init; }

    /// <summary><see cref="Value"/> − <see cref="Cost"/>, in <see cref="ValueCurrency"/>.</summary>
    public decimal? Gain { get; init; }

    /// <summary><see cref="Gain"/> / <see cref="Cost"/>, in percent (22.12, not 0.2212); null for a zero cost.</summary>
    public decimal? GainPercent { get; init; }

    /// <summary><see cref="ValueInBase"/> / the total value in base, in percent.</summary>
    public decimal? WeightPercent { get; init; }

    /// <summary>When the price was set.</summary>
    public DateTimeOffset? MarketTime { get; init; }

    /// <summary>
    /// Why the position has no value in the base currency (no price, no currency, no FX rate); such a position is left
    /// out of the totals.
    /// </summary>
    public QuoteError? Error { get; init; }
}
