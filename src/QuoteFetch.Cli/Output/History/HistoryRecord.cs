using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

/// <summary>
/// The JSON/NDJSON shape of one symbol's history; other tools depend on it, so fields and order are fixed. Bars,
/// dividends and splits are empty arrays for a failed symbol, and dividends and splits also when they were not asked for.
/// </summary>
internal sealed class HistoryRecord
{
    [JsonPropertyName("symbol")]
    [JsonPropertyOrder(0)]
    public required string Symbol { get; init; }

    [JsonPropertyName("currency")]
    [JsonPropertyOrder(1)]
    public string? Currency { get; init; }

    [JsonPropertyName("exchange")]
    [JsonPropertyOrder(2)]
    public string? Exchange { get; init; }

    /// <summary>The exchange's IANA zone name as Yahoo sent it.</summary>
    [JsonPropertyName("timeZone")]
    [JsonPropertyOrder(3)]
    public string? TimeZone { get; init; }

    [JsonPropertyName("bars")]
    [JsonPropertyOrder(4)]
    public IReadOnlyList<HistoryBarRecord> Bars { get; init; } = [];

    [JsonPropertyName("dividends")]
    [JsonPropertyOrder(5)]
    public IReadOnlyList<DividendRecord> Dividends { get; init; } = [];

    [JsonPropertyName("splits")]
    [JsonPropertyOrder(6)]
    public IReadOnlyList<SplitRecord> Splits { get; init; } = [];

    [JsonPropertyName("error")]
    [JsonPropertyOrder(7)]
    public OutputError? Error { get; init; }

    /// <summary>One symbol's record as one line of JSON.</summary>
    public static string Serialize(HistoryResult result, HistoryOutputOptions options) =>
        JsonSerializer.Serialize(From(result, options), OutputJsonContext.Relaxed.HistoryRecord);

    public static HistoryRecord From(HistoryResult result, HistoryOutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (result.Error is { } error)
        {
            return new HistoryRecord
            {
                Symbol = result.Symbol,
                Error = new OutputError(error.Kind.ToWireName(), error.Message),
            };
        }
        var history = HistoryText.Prices(result.History!, options.Exact);
        var places = HistoryText.Places(history, options.Exact);
        var bars = new HistoryBarRecord[history.Bars.Count];
        for (var i = 0; i < bars.Length; i++)
        {
            var bar = history.Bars[i];
            bars[i] = new HistoryBarRecord
            {
                Date = HistoryText.Date(bar, options.Intraday),
                Open = HistoryText.Fixed(bar.Open, places),
                High = HistoryText.Fixed(bar.High, places),
                Low = HistoryText.Fixed(bar.Low, places),
                Close = HistoryText.Fixed(bar.Close, places),
                AdjClose = HistoryText.Fixed(bar.AdjustedClose, places),
                Volume = bar.Volume,
            };
        }
        return new HistoryRecord
        {
            Symbol = result.Symbol,
            Currency = history.Currency,
            Exchange = history.Exchange,
            TimeZone = history.TimeZoneName,
            Bars = bars,
            Dividends = options.Events
                ? history
                    .Dividends.Select(d => new DividendRecord { Date = HistoryText.Date(d.Date), Amount = d.Amount })
                    .ToArray()
                : [],
            Splits = options.Events
                ? history
                    .Splits.Select(s => new SplitRecord
                    {
                        Date = HistoryText.Date(s.Date),
                        Numerator = s.Numerator,
                        Denominator = s.Denominator,
                    })
                    .ToArray()
                : [],
        };
    }
}

internal sealed class HistoryBarRecord
{
    [JsonPropertyName("date")]
    [JsonPropertyOrder(0)]
    public required string Date { get; init; }

    [JsonPropertyName("open")]
    [JsonPropertyOrder(1)]
    public decimal? Open { get; init; }

    [JsonPropertyName("high")]
    [JsonPropertyOrder(2)]
    public decimal? High { get; init; }

    [JsonPropertyName("low")]
    [JsonPropertyOrder(3)]
    public decimal? Low { get; init; }

    [JsonPropertyName("close")]
    [JsonPropertyOrder(4)]
    public decimal? Close { get; init; }

    [JsonPropertyName("adjClose")]
    [JsonPropertyOrder(5)]
    public decimal? AdjClose { get; init; }

    [JsonPropertyName("volume")]
    [JsonPropertyOrder(6)]
    public long? Volume { get; init; }
}

internal sealed class DividendRecord
{
    [JsonPropertyName("date")]
    [JsonPropertyOrder(0)]
    public required string Date { get; init; }

    [JsonPropertyName("amount")]
    [JsonPropertyOrder(1)]
    public decimal Amount { get; init; }
}

internal sealed class SplitRecord
{
    [JsonPropertyName("date")]
    [JsonPropertyOrder(0)]
    public required string Date { get; init; }

    [JsonPropertyName("numerator")]
    [JsonPropertyOrder(1)]
    public decimal Numerator { get; init; }

    [JsonPropertyName("denominator")]
    [JsonPropertyOrder(2)]
    public decimal Denominator { get; init; }
}
