using System.Diagnostics;
using System.Text.Json;
using static QuoteFetch.JsonProperties;

namespace QuoteFetch;

/// <summary>
/// Reads the fields QuoteFetch needs from a chart body with <see cref="Utf8JsonReader"/>: no reflection, no
/// intermediate objects, and it stops as soon as <c>meta</c> is read, however many price bars follow it.
/// Prices come from the number's own text as <see cref="decimal"/>, never through <see cref="double"/>.
/// </summary>
internal static class ChartBodyParser
{
    /// <summary>The largest <c>priceHint</c> kept: <see cref="decimal"/> shows at most 28 places.</summary>
    public const int MaxPriceHint = 28;

    // DateTimeOffset's range in Unix seconds: 0001-01-01 to 9999-12-31T23:59:59.
    internal const long MinUnixSeconds = -62_135_596_800;
    internal const long MaxUnixSeconds = 253_402_300_799;

    /// <exception cref="JsonException">The body is not JSON, or a field has the wrong type.</exception>
    /// <exception cref="ChartBodyException">The body says something that cannot be passed on as it is.</exception>
    public static ChartFields Parse(ReadOnlySpan<byte> body)
    {
        var fields = new ChartFields();
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the body is not a JSON object");
        }
        while (NextProperty(ref reader))
        {
            if (ObjectValueOf("chart"u8, ref reader))
            {
                fields.HasChart = true;
                if (ReadChart(ref reader, ref fields))
                {
                    return fields; // the price is in hand: the rest of the body is bars we never show
                }
            }
        }
        return fields;
    }

    /// <returns>True once <c>meta</c> has been read.</returns>
    private static bool ReadChart(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray && ReadResults(ref reader, ref fields))
                {
                    return true;
                }
                reader.Skip();
            }
            else if (ObjectValueOf("error"u8, ref reader))
            {
                fields.HasError = true;
                ReadError(ref reader, ref fields);
            }
        }
        return false;
    }

    /// <returns>True once the first result's <c>meta</c> has been read; otherwise the array has been read to its end.</returns>
    private static bool ReadResults(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }
        fields.HasResult = true;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (NextProperty(ref reader))
            {
                if (ObjectValueOf("meta"u8, ref reader))
                {
                    fields.HasMeta = true;
                    ReadMeta(ref reader, ref fields);
                    return true;
                }
            }
        }
        else
        {
            reader.Skip();
        }
        SkipRestOfArray(ref reader);
        return false;
    }

    private static void ReadMeta(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        var seen = Field.None;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("regularMarketPrice"u8))
            {
                FirstTime(ref seen, Field.Price);
                fields.Price = ReadPrice(ref reader);
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                FirstTime(ref seen, Field.Currency);
                fields.Currency = ReadMetaText(ref reader, "currency");
            }
            else if (reader.ValueTextEquals("symbol"u8))
            {
                FirstTime(ref seen, Field.Symbol);
                fields.Symbol = ReadMetaText(ref reader, "symbol");
            }
            else if (reader.ValueTextEquals("exchangeName"u8))
            {
                FirstTime(ref seen, Field.Exchange);
                fields.Exchange = ReadMetaText(ref reader, "exchangeName");
            }
            else if (reader.ValueTextEquals("instrumentType"u8))
            {
                FirstTime(ref seen, Field.InstrumentType);
                fields.InstrumentType = ReadMetaText(ref reader, "instrumentType");
            }
            else if (reader.ValueTextEquals("regularMarketTime"u8))
            {
                FirstTime(ref seen, Field.MarketTime);
                fields.MarketTime = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("previousClose"u8))
            {
                FirstTime(ref seen, Field.PreviousClose);
                fields.PreviousClose = ReadClose(ref reader, "previousClose");
            }
            else if (reader.ValueTextEquals("chartPreviousClose"u8))
            {
                FirstTime(ref seen, Field.ChartPreviousClose);
                fields.ChartPreviousClose = ReadClose(ref reader, "chartPreviousClose");
            }
            else if (reader.ValueTextEquals("priceHint"u8))
            {
                FirstTime(ref seen, Field.PriceHint);
                fields.PriceHint = ReadPriceHint(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadError(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        var seen = Field.None;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("code"u8))
            {
                FirstTime(ref seen, Field.ErrorCode);
                fields.ErrorCode = ReadErrorText(ref reader, "code", ref fields);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                FirstTime(ref seen, Field.ErrorDescription);
                fields.ErrorDescription = ReadErrorText(ref reader, "description", ref fields);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    // Parsers disagree on which of two equal keys wins, so a body that has one of ours twice is not trusted at all.
    private static void FirstTime(ref Field seen, Field field)
    {
        if ((seen & field) != 0)
        {
            var (where, name) = field switch
            {
                Field.ErrorCode => ("chart.error", "code"),
                Field.ErrorDescription => ("chart.error", "description"),
                _ => ("meta", FieldName(field)),
            };
            throw new ChartBodyException($"{where} has '{name}' twice");
        }
        seen |= field;
    }

    private static string FieldName(Field field) =>
        field switch
        {
            Field.Price => "regularMarketPrice",
            Field.Currency => "currency",
            Field.Symbol => "symbol",
            Field.Exchange => "exchangeName",
            Field.InstrumentType => "instrumentType",
            Field.MarketTime => "regularMarketTime",
            Field.PreviousClose => "previousClose",
            Field.ChartPreviousClose => "chartPreviousClose",
            _ => "priceHint",
        };

    private static string? ReadMetaText(ref Utf8JsonReader reader, string name) =>
        ReadText(ref reader, name, out var text) is var status && status == TextStatus.Ok
            ? text
            : throw BoundedText.Undecodable(status, name);

    // Yahoo's error text is only ever shown, so text that cannot be decoded is left out and noted.
    private static string? ReadErrorText(ref Utf8JsonReader reader, string name, ref ChartFields fields)
    {
        if (ReadText(ref reader, name, out var text) == TextStatus.Ok)
        {
            return text;
        }
        fields.ErrorTextUnreadable = true;
        return null;
    }

    private static TextStatus ReadText(ref Utf8JsonReader reader, string name, out string? text)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // Parse takes one span, so the value is never split across segments.
                Debug.Assert(!reader.HasValueSequence);
                var status = BoundedText.Decode(reader.ValueSpan, reader.ValueIsEscaped, out var decoded);
                text = decoded;
                return status;
            case JsonTokenType.Null:
                text = null;
                return TextStatus.Ok;
            default:
                throw new JsonException($"expected a string for {name}, found {reader.TokenType}");
        }
    }

    private static decimal? ReadPrice(ref Utf8JsonReader reader)
    {
        var price = ReadDecimal(ref reader, "regularMarketPrice", out var exact);
        return exact
            ? price
            : throw new ChartBodyException(
                $"regularMarketPrice {BoundedText.Ascii(reader.ValueSpan)} cannot be held exactly as a decimal"
            );
    }

    // Only the price must be exact for a quote to stand: a close decimal cannot hold is left out instead.
    private static decimal? ReadClose(ref Utf8JsonReader reader, string name) =>
        ReadDecimal(ref reader, name, out var exact) is { } close && exact ? close : null;

    // exact: false when the value is a number decimal cannot hold exactly, however close the value returned.
    private static decimal? ReadDecimal(ref Utf8JsonReader reader, string name, out bool exact)
    {
        reader.Read();
        exact = true;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                exact = reader.TryGetDecimal(out var value) && ExactDecimal.Holds(reader.ValueSpan, value);
                return value;
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"expected a number for {name}, found {reader.TokenType}");
        }
    }

    // Seconds since 1970; a fraction is rounded down to the second it falls in.
    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var seconds) && seconds is >= MinUnixSeconds and <= MaxUnixSeconds)
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
                if (
                    reader.TryGetDecimal(out var fractional)
                    && decimal.Floor(fractional) is var whole and >= MinUnixSeconds and <= MaxUnixSeconds
                )
                {
                    return DateTimeOffset.FromUnixTimeSeconds((long)whole);
                }
                throw new ChartBodyException(
                    $"regularMarketTime {BoundedText.Ascii(reader.ValueSpan)} is not a time between the years 1 and 9999"
                );
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"expected a number for regularMarketTime, found {reader.TokenType}");
        }
    }

    // A hint is a count of decimal places for display: anything but 0–28 (what decimal can show) is no hint.
    private static int? ReadPriceHint(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var hint) && hint is >= 0 and <= MaxPriceHint => hint,
            JsonTokenType.Number or JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a number for priceHint, found {reader.TokenType}"),
        };
    }

    [Flags]
    private enum Field
    {
        None = 0,
        Price = 1 << 0,
        Currency = 1 << 1,
        Symbol = 1 << 2,
        Exchange = 1 << 3,
        InstrumentType = 1 << 4,
        MarketTime = 1 << 5,
        PreviousClose = 1 << 6,
        ChartPreviousClose = 1 << 7,
        PriceHint = 1 << 8,
        ErrorCode = 1 << 9,
        ErrorDescription = 1 << 10,
    }
}
