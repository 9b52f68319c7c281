namespace QuoteFetch;

/// <summary>A price for one symbol, as Yahoo reported it.</summary>
/// <param name="Symbol">The symbol Yahoo answered for.</param>
/// <param name="Price">The regular-market price, exactly as the JSON text said (never via <see cref="double"/>).</param>
/// <param name="Currency">The quote currency, e.g. <c>USD</c>; London listings often say <c>GBp</c> (pence).</param>
/// <param name="Exchange">Yahoo's exchange code, e.g. <c>NMS</c>.</param>
/// <param name="InstrumentType">Yahoo's instrument type, e.g. <c>EQUITY</c>, <c>ETF</c>, <c>CURRENCY</c>.</param>
/// <param name="MarketTime">When the regular-market price was set.</param>
/// <param name="PreviousClose">The previous close, when Yahoo sent one.</param>
/// <param name="PriceHint">How many decimals Yahoo suggests for display, when it sent a hint.</param>
public sealed record Quote(
    string Symbol,
    decimal Price,
    string? Currency,
    string? Exchange,
    string? InstrumentType,
    DateTimeOffset? MarketTime,
    decimal? PreviousClose,
    int? PriceHint
);
