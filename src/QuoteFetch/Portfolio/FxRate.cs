namespace QuoteFetch;

/// <summary>
/// A rate used to convert one currency into the base currency, and where it came from. Built with an object
/// initializer, so that a field added later breaks no caller.
/// </summary>
public sealed record FxRate
{
    /// <summary>The currency converted from (a major unit, e.g. <c>GBP</c>).</summary>
    public required string From { get; init; }

    /// <summary>The base currency.</summary>
    public required string To { get; init; }

    /// <summary>
    /// The Yahoo pair used: <c>GBPUSD=X</c> (direct), <c>USDILS=X</c> (inverse, see <see cref="Inverted"/>), or for a
    /// cross through USD both legs, e.g. <c>CADUSD=X * 1/EURUSD=X</c>.
    /// </summary>
    public required string Pair { get; init; }

    /// <summary>Units of <see cref="To"/> per one <see cref="From"/>, unrounded.</summary>
    public required decimal Rate { get; init; }

    /// <summary>Whether the rate is one divided by the pair's price (the direct pair had no usable price).</summary>
    public bool Inverted { get; init; }

    /// <summary>The currency a cross rate went through (<c>USD</c>), or <see langword="null"/> for one pair.</summary>
    public string? Via { get; init; }

    /// <summary>When the pair's price was set; for a cross, the older leg's time.</summary>
    public DateTimeOffset? MarketTime { get; init; }
}
