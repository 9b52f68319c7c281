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

    /// <summary>Written by <see cref="HistoryBarsConverter"/>, which holds the bars' shape.</summary>
    [JsonPropertyName("bars")]
    [JsonPropertyOrder(4)]
    public HistoryBars Bars { get; init; } = HistoryBars.None;

    [JsonPropertyName("dividends")]
    [JsonPropertyOrder(5)]
    public IReadOnlyList<DividendRecord> Dividends { get; init; } = [];

    [JsonPropertyName("splits")]
    [JsonPropertyOrder(6)]
    public IReadOnlyList<SplitRecord> Splits { get; init; } = [];

    [JsonPropertyName("error")]
    [JsonPropertyOrder(7)]
    public OutputError? Error { get; init; }

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
        // Bar prices are rounded as each one is written (HistoryBarsConverter), not by a cleaned copy of every bar.
        var history = result.History!;
        return new HistoryRecord
        {
            Symbol = result.Symbol,
            Currency = history.Currency,
            Exchange = history.Exchange,
            TimeZone = history.TimeZoneName,
            Bars = new HistoryBars(history.Bars, HistoryText.Places(history, options.Exact), options.Intraday),
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
