using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli.Tests.Output.History;

/// <summary>
/// How the JSON and NDJSON history outputs were written before their bars were written by hand: a cleaned copy of
/// every bar (<see cref="PriceHistory.Clean"/>), an object and a date string per bar, and System.Text.Json's
/// serializer with the relaxed encoder. Kept here, apart from the CLI's code, as the reference the fast writer must
/// match byte for byte.
/// </summary>
internal static class LegacyHistoryJson
{
    private static readonly LegacyHistoryJsonContext Context = new(
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
    );

    /// <summary>One symbol's line, as the NDJSON writer wrote it (without the newline).</summary>
    public static string Line(HistoryResult result, HistoryOutputOptions options) =>
        JsonSerializer.Serialize(From(result, options), Context.LegacyHistoryRecord);

    public static string Ndjson(IEnumerable<HistoryResult> results, HistoryOutputOptions options) =>
        string.Concat(results.Select(r => Line(r, options) + "\n"));

    public static string Json(IReadOnlyList<HistoryResult> results, HistoryOutputOptions options) =>
        results.Count == 0 ? "[]\n" : "[\n  " + string.Join(",\n  ", results.Select(r => Line(r, options))) + "\n]\n";

    private static LegacyHistoryRecord From(HistoryResult result, HistoryOutputOptions options)
    {
        if (result.Error is { } error)
        {
            return new LegacyHistoryRecord
            {
                Symbol = result.Symbol,
                Error = new LegacyError { Kind = error.Kind.ToWireName(), Message = error.Message },
            };
        }
        var history = options.Exact ? result.History! : result.History!.Clean();
        var places = options.Exact ? null : history.PriceHint;
        return new LegacyHistoryRecord
        {
            Symbol = result.Symbol,
            Currency = history.Currency,
            Exchange = history.Exchange,
            TimeZone = history.TimeZoneName,
            Bars =
            [
                .. history.Bars.Select(bar => new LegacyBar
                {
                    Date = bar.Time.ToString(
                        options.Intraday ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd",
                        CultureInfo.InvariantCulture
                    ),
                    Open = Fixed(bar.Open, places),
                    High = Fixed(bar.High, places),
                    Low = Fixed(bar.Low, places),
                    Close = Fixed(bar.Close, places),
                    AdjClose = Fixed(bar.AdjustedClose, places),
                    Volume = bar.Volume,
                }),
            ],
            Dividends = options.Events
                ?
                [
                    .. history.Dividends.Select(d => new LegacyDividend
                    {
                        Date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Amount = d.Amount,
                    }),
                ]
                : [],
            Splits = options.Events
                ?
                [
                    .. history.Splits.Select(s => new LegacySplit
                    {
                        Date = s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Numerator = s.Numerator,
                        Denominator = s.Denominator,
                    }),
                ]
                : [],
        };
    }

    private static decimal? Fixed(decimal? price, int? places) =>
        price is { } value && places is { } p ? value + new decimal(0, 0, 0, false, (byte)p) : price;
}

internal sealed class LegacyHistoryRecord
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

    [JsonPropertyName("timeZone")]
    [JsonPropertyOrder(3)]
    public string? TimeZone { get; init; }

    [JsonPropertyName("bars")]
    [JsonPropertyOrder(4)]
    public IReadOnlyList<LegacyBar> Bars { get; init; } = [];

    [JsonPropertyName("dividends")]
    [JsonPropertyOrder(5)]
    public IReadOnlyList<LegacyDividend> Dividends { get; init; } = [];

    [JsonPropertyName("splits")]
    [JsonPropertyOrder(6)]
    public IReadOnlyList<LegacySplit> Splits { get; init; } = [];

    [JsonPropertyName("error")]
    [JsonPropertyOrder(7)]
    public LegacyError? Error { get; init; }
}

internal sealed class LegacyBar
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

internal sealed class LegacyDividend
{
    [JsonPropertyName("date")]
    [JsonPropertyOrder(0)]
    public required string Date { get; init; }

    [JsonPropertyName("amount")]
    [JsonPropertyOrder(1)]
    public decimal Amount { get; init; }
}

internal sealed class LegacySplit
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

internal sealed class LegacyError
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LegacyHistoryRecord))]
internal sealed partial class LegacyHistoryJsonContext : JsonSerializerContext;
