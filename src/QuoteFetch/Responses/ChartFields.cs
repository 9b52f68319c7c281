namespace QuoteFetch;

/// <summary>What a chart body says, as far as QuoteFetch reads it: <c>chart.result[0].meta</c> and <c>chart.error</c>.</summary>
internal struct ChartFields
{
    public bool HasChart;
    public bool HasResult;
    public bool HasMeta;
    public string? Symbol;
    public string? Currency;
    public string? Exchange;
    public string? InstrumentType;
    public DateTimeOffset? MarketTime;
    public decimal? Price;
    public decimal? PreviousClose;
    public decimal? ChartPreviousClose;
    public int? PriceHint;
    public bool HasError;
    public string? ErrorCode;
    public string? ErrorDescription;

    // The error's code or description was not valid text and is left out.
    public bool ErrorTextUnreadable;
}
