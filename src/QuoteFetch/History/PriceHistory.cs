namespace QuoteFetch;

/// <summary>
/// One symbol's price history as Yahoo sent it: bars in time order with exact prices, and, when asked for,
/// dividends and splits. An empty range is an empty history (no bars), not an error.
/// </summary>
/// <remarks>
/// Prices are the exact decimals of Yahoo's text, which are often float32 artefacts (<c>129.0399932861328</c>);
/// <see cref="Clean"/> gives the same history rounded to <see cref="PriceHint"/> places (129.04). Which one an
/// output shows is the caller's choice; both are always at hand.
/// </remarks>
public sealed class PriceHistory
{
    /// <summary>The symbol as Yahoo echoed it.</summary>
    public required string Symbol { get; init; }

    /// <summary>The currency code exactly as sent: <c>GBp</c> stays pence, it is not turned into pounds.</summary>
    public string? Currency { get; init; }

    /// <summary>Yahoo's exchange code, e.g. <c>NMS</c>.</summary>
    public string? Exchange { get; init; }

    /// <summary>The exchange's IANA zone name as sent (<c>exchangeTimezoneName</c>), e.g. <c>America/New_York</c>.</summary>
    public string? TimeZoneName { get; init; }

    /// <summary>
    /// The zone bar times and event dates are in: <see cref="TimeZoneName"/> when this machine knows it (tzdata),
    /// else a fixed offset from Yahoo's <c>gmtoffset</c> (right except across a daylight saving change), else UTC.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How many decimal places Yahoo shows for this instrument's prices; null when not sent.</summary>
    public int? PriceHint { get; init; }

    /// <summary>The bars, in Yahoo's order (oldest first).</summary>
    public IReadOnlyList<PriceBar> Bars { get; init; } = [];

    /// <summary>Dividends, oldest first; empty unless asked for (<see cref="HistoryRequest.IncludeEvents"/>).</summary>
    public IReadOnlyList<Dividend> Dividends { get; init; } = [];

    /// <summary>Splits, oldest first; empty unless asked for.</summary>
    public IReadOnlyList<Split> Splits { get; init; } = [];

    /// <summary>
    /// This history with bar prices rounded half-to-even to <see cref="PriceHint"/> places (see
    /// <see cref="PriceBar.Clean"/>); the same instance when there is no hint. Dividends and splits are kept exact.
    /// </summary>
    public PriceHistory Clean()
    {
        if (PriceHint is not { } places)
        {
            return this;
        }
        var bars = new PriceBar[Bars.Count];
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = Bars[i].Clean(places);
        }
        return new PriceHistory
        {
            Symbol = Symbol,
            Currency = Currency,
            Exchange = Exchange,
            TimeZoneName = TimeZoneName,
            TimeZone = TimeZone,
            PriceHint = PriceHint,
            Bars = bars,
            Dividends = Dividends,
            Splits = Splits,
        };
    }
}
