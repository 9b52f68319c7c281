namespace QuoteFetch;

/// <summary>A stock split in a <see cref="PriceHistory"/>: <see cref="Numerator"/> new shares for every <see cref="Denominator"/> old ones (4:1 is 4 and 1).</summary>
public sealed class Split
{
    /// <summary>The day the split took effect at the exchange.</summary>
    public DateOnly Date { get; init; }

    /// <summary>New shares, exact as sent.</summary>
    public decimal Numerator { get; init; }

    /// <summary>Old shares, exact as sent.</summary>
    public decimal Denominator { get; init; }
}
