using System.Text.Json.Serialization;

namespace QuoteFetch.Benchmarks;

// The alternative the issue names: System.Text.Json source generation over DTOs that mirror the body. Decimals
// come from the number text here too, so the comparison is like for like (but without the exactness check).

internal sealed class ChartEnvelopeDto
{
    public ChartDto? Chart { get; set; }
}

internal sealed class ChartDto
{
    public List<ChartResultDto>? Result { get; set; }
    public ChartErrorDto? Error { get; set; }
}

internal sealed class ChartErrorDto
{
    public string? Code { get; set; }
    public string? Description { get; set; }
}

internal sealed class ChartResultDto
{
    public ChartMetaDto? Meta { get; set; }
    public long[]? Timestamp { get; set; }
    public ChartEventsDto? Events { get; set; }
    public ChartIndicatorsDto? Indicators { get; set; }
}

internal sealed class ChartMetaDto
{
    public string? Currency { get; set; }
    public string? Symbol { get; set; }
    public string? ExchangeName { get; set; }
    public string? ExchangeTimezoneName { get; set; }
    public int? Gmtoffset { get; set; }
    public int? PriceHint { get; set; }
}

internal sealed class ChartIndicatorsDto
{
    public List<ChartQuoteDto>? Quote { get; set; }
    public List<ChartAdjCloseDto>? Adjclose { get; set; }
}

internal sealed class ChartQuoteDto
{
    public decimal?[]? Open { get; set; }
    public decimal?[]? High { get; set; }
    public decimal?[]? Low { get; set; }
    public decimal?[]? Close { get; set; }
    public long?[]? Volume { get; set; }
}

internal sealed class ChartAdjCloseDto
{
    public decimal?[]? Adjclose { get; set; }
}

internal sealed class ChartEventsDto
{
    public Dictionary<string, ChartDividendDto>? Dividends { get; set; }
    public Dictionary<string, ChartSplitDto>? Splits { get; set; }
}

internal sealed class ChartDividendDto
{
    public decimal Amount { get; set; }
    public long Date { get; set; }
}

internal sealed class ChartSplitDto
{
    public long Date { get; set; }
    public decimal Numerator { get; set; }
    public decimal Denominator { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChartEnvelopeDto))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
