using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuoteFetch.Cli;

/// <summary>
/// The JSON shape of a valuation: one object, every amount an exact unrounded decimal, percents in percent. Field names
/// and order are fixed (tests/QuoteFetch.Cli.Tests/Expected/portfolio.json pins them).
/// </summary>
internal static class PortfolioJson
{
    // Output is not embedded in HTML, so symbols like M&M.NS stay readable; control characters are still escaped.
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    private static readonly JsonWriterOptions LineOptions = Options with { Indented = false };

    public static async Task WriteAsync(PortfolioReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            var valuation = report.Valuation;
            json.WriteStartObject();
            json.WriteString("baseCurrency", valuation.BaseCurrency);
            json.WriteStartArray("positions");
            foreach (var position in report.Positions)
            {
                Position(json, position, report.LinesOf(position.Symbol));
            }
            json.WriteEndArray();
            json.WriteStartObject("total");
            Number(json, "valueInBase", valuation.Total.ValueInBase);
            Number(json, "costInBase", valuation.Total.CostInBase);
            Number(json, "gainInBase", valuation.Total.GainInBase);
            json.WriteNumber("positions", valuation.Total.Positions);
            json.WriteStartArray("excluded");
            foreach (var symbol in valuation.Total.Excluded)
            {
                json.WriteStringValue(symbol);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("rates");
            foreach (var rate in valuation.Rates)
            {
                json.WriteStartObject();
                json.WriteString("pair", rate.Pair);
                json.WriteString("from", rate.From);
                json.WriteString("to", rate.To);
                Number(json, "rate", rate.Rate);
                json.WriteBoolean("inverted", rate.Inverted);
                json.WriteString("via", rate.Via);
                Time(json, "marketTime", rate.MarketTime);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("rowErrors");
            foreach (var error in report.File.Errors)
            {
                json.WriteStartObject();
                json.WriteNumber("line", error.Line);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>One position as one line of JSON (NDJSON), with the base currency after <c>valueInBase</c>.</summary>
    public static string Line(PositionValue position, IReadOnlyList<long> lines, string baseCurrency)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, LineOptions))
        {
            Position(json, position, lines, baseCurrency);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Position(
        Utf8JsonWriter json,
        PositionValue position,
        IReadOnlyList<long> lines,
        string? baseCurrency = null
    )
    {
        json.WriteStartObject();
        json.WriteString("symbol", position.Symbol);
        Number(json, "quantity", position.Quantity);
        Number(json, "price", position.Price);
        json.WriteString("currency", position.Currency);
        Number(json, "value", position.Value);
        json.WriteString("valueCurrency", position.ValueCurrency);
        Number(json, "fxRate", position.FxRate);
        Number(json, "valueInBase", position.ValueInBase);
        if (baseCurrency is not null)
        {
            // A line stands alone: it names the currency its valueInBase is in.
            json.WriteString("baseCurrency", baseCurrency);
        }
        Number(json, "cost", position.Cost);
        Number(json, "gain", position.Gain);
        Number(json, "gainPercent", position.GainPercent);
        Number(json, "weightPercent", position.WeightPercent);
        if (position.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("kind", error.Kind.ToWireName());
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }
        json.WriteStartArray("lines");
        foreach (var line in lines)
        {
            json.WriteNumberValue(line);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } known)
        {
            // Raw text: the writer's own decimal format keeps the scale (30.5300); the exact value is what matters.
            json.WritePropertyName(name);
            json.WriteRawValue(
                PortfolioNumbers.Exact(known).ToString(CultureInfo.InvariantCulture),
                skipInputValidation: true
            );
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } known)
        {
            json.WriteString(
                name,
                known.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            );
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
