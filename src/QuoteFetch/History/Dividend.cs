namespace QuoteFetch;

/// <summary>A cash dividend in a <see cref="PriceHistory"/>.</summary>
public sealed class Dividend
{
    /// <summary>The ex-dividend day at the exchange.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Per share, in the history's currency, exact as sent.</summary>
    public decimal Amount { get; init; }
}
