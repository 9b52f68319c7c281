namespace QuoteFetch;

/// <summary>
/// A price for one symbol, as Yahoo reported it. Built with an object initializer, so that a field added later breaks
/// no caller.
/// </summary>
public sealed record Quote
{
    /// <summary>The symbol Yahoo answered for.</summary>
    public required string Symbol { get; init; }

    /// <summary>The regular-market price, exactly as the JSON text said (never via <see cref="double"/>).</summary>
    public required decimal Price { get; init; }

    /// <summary>The quote currency, e.g. <c>USD</c>; London listings often say <c>GBp</c> (pence).</summary>
    public string? Currency { get; init; }

    /// <summary>Yahoo's exchange code, e.g. <c>NMS</c>.</summary>
    public string? Exchange { get; init; }

    /// <summary>Yahoo's instrument type, e.g. <c>EQUITY</c>, <c>ETF</c>, <c>CURRENCY</c>.</summary>
    public string? InstrumentType { get; init; }

    /// <summary>When the regular-market price was set.</summary>
    public DateTimeOffset? MarketTime { get; init; }

    /// <summary>The previous close, when Yahoo sent one.</summary>
    public decimal? PreviousClose { get; init; }

    /// <summary>How many decimals Yahoo suggests for display, when it sent a hint.</summary>
    public int? PriceHint { get; init; }

    /// <summary>
    /// How long the source said this answer stays fresh (<c>Cache-Control: max-age</c>); <see cref="TimeSpan.Zero"/>
    /// when it said <c>no-store</c> or <c>no-cache</c>; null when it said nothing.
    /// </summary>
    public TimeSpan? MaxAge { get; init; }
}
