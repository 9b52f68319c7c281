using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

/// <summary>A history's bars as the JSON outputs show them: prices rounded as <see cref="HistoryText"/> says.</summary>
[JsonConverter(typeof(HistoryBarsConverter))]
internal sealed class HistoryBars(IReadOnlyList<PriceBar> bars, int? places, bool intraday)
{
    public static HistoryBars None { get; } = new([], null, false);

    public IReadOnlyList<PriceBar> Bars => bars;

    /// <summary>priceHint places, or null for exact prices.</summary>
    public int? Places => places;

    /// <summary>Dates carry the time and the offset.</summary>
    public bool Intraday => intraday;
}

/// <summary>
/// Writes <see cref="HistoryBars"/> as an array of <c>{"date","open","high","low","close","adjClose","volume"}</c>
/// objects (the one place that shape is spelt), each bar's bytes put together here and handed to the writer whole.
/// A year of daily bars is 252 objects and 1,764 values per symbol: no object, string or serializer call per value.
/// Nothing in a bar needs escaping (digits, signs, points, dashes, colons and a T; the relaxed encoder leaves the
/// offset's + alone), so none is looked for; the record's text fields (symbol, currency, exchange, zone, error) still
/// go through the serializer's encoder.
/// </summary>
internal sealed class HistoryBarsConverter : JsonConverter<HistoryBars>
{
    // The names and punctuation, a date, five prices and a volume.
    private const int MaxBarLength = 96 + HistoryText.DateLength + (5 * PriceText.MaxLength) + 20;

    public override HistoryBars Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("History output is only written.");

    public override void Write(Utf8JsonWriter writer, HistoryBars value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        Span<byte> text = stackalloc byte[MaxBarLength];
        var bars = value.Bars;
        for (var i = 0; i < bars.Count; i++)
        {
            var length = WriteBar(bars[i], value.Places, value.Intraday, text);
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        writer.WriteEndArray();
    }

    private static int WriteBar(PriceBar bar, int? places, bool intraday, Span<byte> text)
    {
        var at = Append("{\"date\":\""u8, text, 0);
        Span<char> date = stackalloc char[HistoryText.DateLength];
        HistoryText.TryWriteDate(bar.Time, intraday, date, out var dateLength);
        Ascii.FromUtf16(date[..dateLength], text[at..], out var written);
        at += written;
        at = Append("\",\"open\":"u8, text, at);
        at = AppendPrice(bar.Open, places, text, at);
        at = Append(",\"high\":"u8, text, at);
        at = AppendPrice(bar.High, places, text, at);
        at = Append(",\"low\":"u8, text, at);
        at = AppendPrice(bar.Low, places, text, at);
        at = Append(",\"close\":"u8, text, at);
        at = AppendPrice(bar.Close, places, text, at);
        at = Append(",\"adjClose\":"u8, text, at);
        at = AppendPrice(bar.AdjustedClose, places, text, at);
        at = Append(",\"volume\":"u8, text, at);
        if (bar.Volume is { } volume)
        {
            volume.TryFormat(text[at..], out written, default, CultureInfo.InvariantCulture);
            at += written;
        }
        else
        {
            at = Append("null"u8, text, at);
        }
        return Append("}"u8, text, at);
    }

    private static int AppendPrice(decimal? price, int? places, Span<byte> text, int at)
    {
        if (price is not { } value)
        {
            return Append("null"u8, text, at);
        }
        PriceText.TryWrite(value, places, text[at..], out var written);
        return at + written;
    }

    private static int Append(ReadOnlySpan<byte> part, Span<byte> text, int at)
    {
        part.CopyTo(text[at..]);
        return at + part.Length;
    }
}
