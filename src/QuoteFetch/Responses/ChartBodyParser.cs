using System.Text.Json;

namespace QuoteFetch;

/// <summary>
/// Reads the fields QuoteFetch needs from a chart body with <see cref="Utf8JsonReader"/>: no reflection, no
/// intermediate objects, and it stops as soon as <c>meta</c> is read, however many price bars follow it.
/// Prices come from the number's own text as <see cref="decimal"/>, never through <see cref="double"/>.
/// </summary>
internal static class ChartBodyParser
{
    /// <exception cref="JsonException">The body is not JSON, or a field has the wrong type.</exception>
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
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
        return false;
    }

    private static void ReadMeta(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("regularMarketPrice"u8))
            {
                fields.Price = ReadDecimal(ref reader);
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                fields.Currency = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("symbol"u8))
            {
                fields.Symbol = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("exchangeName"u8))
            {
                fields.Exchange = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("instrumentType"u8))
            {
                fields.InstrumentType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("regularMarketTime"u8))
            {
                fields.MarketTime = ReadInteger(ref reader);
            }
            else if (reader.ValueTextEquals("previousClose"u8))
            {
                fields.PreviousClose = ReadDecimal(ref reader);
            }
            else if (reader.ValueTextEquals("chartPreviousClose"u8))
            {
                fields.ChartPreviousClose = ReadDecimal(ref reader);
            }
            else if (reader.ValueTextEquals("priceHint"u8))
            {
                fields.PriceHint = (int?)ReadInteger(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadError(ref Utf8JsonReader reader, ref ChartFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("code"u8))
            {
                fields.ErrorCode = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                fields.ErrorDescription = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    // Moves to the next property name of the current object; false at its end.
    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>
    /// At a property name: true, positioned on the value's start, when the property is <paramref name="name"/> and
    /// its value an object; otherwise the value is skipped whole and the reader is ready for the next property.
    /// </summary>
    private static bool ObjectValueOf(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        var wanted = reader.ValueTextEquals(name);
        reader.Read();
        if (wanted && reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        reader.Skip();
        return false;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a string, found {reader.TokenType}"),
        };
    }

    private static decimal? ReadDecimal(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetDecimal(out var value) => value,
            JsonTokenType.Number => throw new JsonException("a number is out of decimal's range"),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a number, found {reader.TokenType}"),
        };
    }

    private static long? ReadInteger(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected an integer, found {reader.TokenType}"),
        };
    }
}
