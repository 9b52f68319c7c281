namespace QuoteFetch;

/// <summary>
/// One bar of a <see cref="PriceHistory"/>. Prices are the exact decimals of Yahoo's number text, float32 artefacts
/// included (<c>129.0399932861328</c> for 129.04); <see cref="Clean"/> rounds them to a number of places.
/// A value Yahoo sent as <c>null</c> (a session without trades, a missing column) is null here, never 0.
/// </summary>
public sealed class PriceBar
{
    /// <summary>When the bar starts, in the exchange's zone (its offset is the exchange's at that instant).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The first price, exact as sent.</summary>
    public decimal? Open { get; init; }

    /// <summary>The highest price, exact as sent.</summary>
    public decimal? High { get; init; }

    /// <summary>The lowest price, exact as sent.</summary>
    public decimal? Low { get; init; }

    /// <summary>The last price, exact as sent.</summary>
    public decimal? Close { get; init; }

    /// <summary>The close adjusted for later splits and dividends, exact as sent; null for intraday bars, which Yahoo does not adjust.</summary>
    public decimal? AdjustedClose { get; init; }

    /// <summary>Shares (or units) traded.</summary>
    public long? Volume { get; init; }

    /// <summary>
    /// This bar with every price rounded half-to-even to <paramref name="places"/> decimal places: the price Yahoo
    /// shows, without float32 noise. Use <see cref="PriceHistory.PriceHint"/> for the places; nulls stay null.
    /// </summary>
    /// <param name="places">0 to 28.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="places"/> is outside 0–28.</exception>
    public PriceBar Clean(int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(places, 28);
        return new PriceBar
        {
            Time = Time,
            Open = Round(Open, places),
            High = Round(High, places),
            Low = Round(Low, places),
            Close = Round(Close, places),
            AdjustedClose = Round(AdjustedClose, places),
            Volume = Volume,
        };
    }

    private static decimal? Round(decimal? value, int places) =>
        value is { } price ? decimal.Round(price, places, MidpointRounding.ToEven) : null;
}
