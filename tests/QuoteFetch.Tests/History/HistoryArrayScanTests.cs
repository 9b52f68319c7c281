using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.History;

/// <summary>
/// The bars' arrays are scanned from the bytes when they are plain, and read token by token otherwise; either way a
/// body must read the same. Each body here is read both ways and the two readings compared, field by field.
/// </summary>
public sealed class HistoryArrayScanTests
{
    private static readonly string Recorded = Encoding.UTF8.GetString(
        FakeYahooFixtures.File("chart-AAPL-history-2020-08-31-to-2020-11-07.json").Span
    );

    private static readonly string Compact = CompactOf(Recorded);

    private static string CompactOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text))
        {
            document.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(text.ToArray());
    }

    // The first occurrence of the array after "name": replaced by what edit makes of its text (brackets included).
    private static string EditArray(string body, string name, Func<string, string> edit)
    {
        var key = body.IndexOf($"\"{name}\":", StringComparison.Ordinal);
        var start = body.IndexOf('[', key);
        var end = body.IndexOf(']', start);
        return body[..start] + edit(body[start..(end + 1)]) + body[(end + 1)..];
    }

    private static string FirstValue(string body, string name, string value) =>
        EditArray(body, name, array => "[" + value + array[array.IndexOfAny([',', ']'])..]);

    public static TheoryData<string, string> Bodies() =>
        new()
        {
            { "recorded, indented", Recorded },
            { "recorded, compact", Compact },
            { "whitespace of every kind", Compact.Replace(",", " ,\t\r\n ", StringComparison.Ordinal) },
            { "an exponent among prices", FirstValue(Compact, "close", "1.2904e2") },
            { "an exponent among volumes", FirstValue(Compact, "volume", "2.257027e8") },
            { "a fractional volume", FirstValue(Compact, "volume", "1.5") },
            { "a negative price", FirstValue(Compact, "open", "-0.5") },
            { "minus zero", FirstValue(Compact, "open", "-0") },
            { "a price of 29 digits", FirstValue(Compact, "high", "1234567890.1234567890123456789") },
            { "a price of 30 digits", FirstValue(Compact, "high", "1234567890.12345678901234567891") },
            { "a volume beyond a long", FirstValue(Compact, "volume", "9223372036854775808") },
            { "nulls", FirstValue(FirstValue(Compact, "low", "null"), "volume", "null") },
            { "a null timestamp", FirstValue(Compact, "timestamp", "null") },
            { "a timestamp after 9999", FirstValue(Compact, "timestamp", "253402300800") },
            { "a timestamp with a fraction", FirstValue(Compact, "timestamp", "1598880600.5") },
            { "a leading zero", FirstValue(Compact, "close", "0129.04") },
            { "a point without digits", FirstValue(Compact, "close", "129.") },
            { "a bare minus", FirstValue(Compact, "close", "-") },
            { "an exponent without digits", FirstValue(Compact, "close", "1e") },
            { "a plus sign", FirstValue(Compact, "close", "+1") },
            { "a string", FirstValue(Compact, "close", "\"129.04\"") },
            { "an empty element", EditArray(Compact, "open", a => a.Replace(",", ",,", StringComparison.Ordinal)) },
            { "a trailing comma", EditArray(Compact, "open", a => a[..^1] + ",]") },
            { "a nested array", FirstValue(Compact, "open", "[1]") },
            { "nul", FirstValue(Compact, "open", "nul") },
            { "nullx", FirstValue(Compact, "open", "nullx") },
            { "two values without a comma", FirstValue(Compact, "open", "1 2") },
            { "a short column", EditArray(Compact, "close", a => "[1]") },
            { "empty columns", EditArray(EditArray(Compact, "timestamp", _ => "[]"), "open", _ => "[ ]") },
            { "cut short after the arrays", Compact[..(Compact.LastIndexOf(']') + 1)] },
            { "cut short inside an array", Compact[..(Compact.IndexOf("\"close\":", StringComparison.Ordinal) + 20)] },
            { "garbage after the body", Compact + "x" },
            { "a comment", FirstValue(Compact, "open", "/* c */ 1") },
            { "non-ASCII digits", FirstValue(Compact, "open", "١٢") },
            { "an upper-case exponent", FirstValue(Compact, "low", "1.5E3") },
            { "19 digits", FirstValue(Compact, "low", "1234567890.123456789") },
            { "20 digits after a zero", FirstValue(Compact, "low", "0.0000000000000000001") },
            { "a price of 20 whole digits", FirstValue(Compact, "low", "12345678901234567890") },
            { "a fraction with zeros first", FirstValue(Compact, "low", "0.05") },
            { "a volume of 19 digits", FirstValue(Compact, "volume", "1234567890123456789") },
            { "a negative volume", FirstValue(Compact, "volume", "-5") },
            { "a negative timestamp", FirstValue(Compact, "timestamp", "-1") },
            { "a timestamp before the year 1", FirstValue(Compact, "timestamp", "-62135596801") },
            { "whitespace inside the brackets", EditArray(Compact, "close", a => "[ \n" + a[1..^1] + " \t]") },
            { "a UTF-8 byte order mark", "\uFEFF" + Compact },
            { "an escaped column name", Compact.Replace("\"close\":", "\"cl\\u006fse\":", StringComparison.Ordinal) },
            { "a column twice", Compact.Replace("\"close\":[", "\"close\":[1],\"close\":[", StringComparison.Ordinal) },
            { "28 fraction digits", FirstValue(Compact, "close", "1.0000000000000000000000000001") },
            { "minus zero point zero", FirstValue(Compact, "close", "-0.0") },
            { "minus zero volume", FirstValue(Compact, "volume", "-0") },
            { "a lone minus before a comma", FirstValue(Compact, "open", "-,") },
            { "a no-break space", FirstValue(Compact, "open", "\u00a01") },
            { "a form feed", FirstValue(Compact, "open", "\f1") },
            { "a vertical tab", FirstValue(Compact, "open", "\v1") },
            { "CR LF inside a number", FirstValue(Compact, "open", "1\r\n.5") },
            { "a space inside a number", FirstValue(Compact, "open", "1 .5") },
            { "cut short right after '['", Compact[..(Compact.IndexOf("\"close\":", StringComparison.Ordinal) + 9)] },
            { "cut short inside a number", Compact[..(Compact.IndexOf("\"close\":", StringComparison.Ordinal) + 12)] },
            {
                "cut short after a null",
                "{\"chart\":{\"result\":[{\"timestamp\":[1],\"indicators\":{\"quote\":[{\"close\":[null"
            },
            { "an array of arrays", EditArray(Compact, "close", a => "[" + a + "," + a + "]") },
            { "an object in the array", FirstValue(Compact, "close", "{}") },
            { "true in the array", FirstValue(Compact, "close", "true") },
            { "NaN", FirstValue(Compact, "close", "NaN") },
            { "Infinity", FirstValue(Compact, "close", "-Infinity") },
            { "a NUL byte", FirstValue(Compact, "close", "\u00001") },
            { "eight digits then a letter", FirstValue(Compact, "close", "1.12345678x") },
            { "eight digits then an exponent", FirstValue(Compact, "close", "1.12345678e1") },
            { "sixteen fraction digits", FirstValue(Compact, "close", "1.1234567890123456") },
            { "nineteen nines", FirstValue(Compact, "close", "9999999999999999999") },
            { "nineteen fraction nines", FirstValue(Compact, "close", "0.999999999999999999") },
            { "eighteen-digit negative volume", FirstValue(Compact, "volume", "-999999999999999999") },
            { "the smallest long volume", FirstValue(Compact, "volume", "-9223372036854775808") },
            { "timestamp after indicators", MoveTimestampLast(Compact) },
            {
                "events between columns",
                Compact.Replace("\"close\":[", "\"events\":{\"x\":[1,2]},\"close\":[", StringComparison.Ordinal)
            },
            { "two chart results", TwoResults(Compact) },
            {
                "deeper than 64",
                Compact.Replace(
                    "\"meta\":",
                    "\"deep\":" + new string('[', 70) + new string(']', 70) + ",\"meta\":",
                    StringComparison.Ordinal
                )
            },
            { "100,000 bars", Huge(100_000) },
        };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Body_ScannedOrReadTokenByToken_ReadsTheSame(string name, string body)
    {
        _ = name; // the theory's label
        var bytes = Encoding.UTF8.GetBytes(body);

        var scanned = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes, scanArrays: true);
        var read = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes, scanArrays: false);
        var shipped = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes);

        Assert.Equal(Describe(read), Describe(shipped));
        Assert.Equal(read.Problem, scanned.Problem);
        Assert.Equal(Bars(read), Bars(scanned));
    }

    [Fact]
    public void BadBody_AfterAScannedArray_IsDescribedAsTheReaderSeesItWhole()
    {
        // The scan happened: a reader restarted after the arrays counts positions from there.
        var bytes = Encoding.UTF8.GetBytes(Compact + "x");

        var scanned = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes, scanArrays: true);
        var read = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes, scanArrays: false);
        var shipped = HistoryBodyParser.Parse(HttpStatusCode.OK, bytes);

        Assert.NotEqual(read.Message, scanned.Message);
        Assert.Equal(read.Message, shipped.Message);
        Assert.Contains($"BytePositionInLine: {bytes.Length - 1}", shipped.Message, StringComparison.Ordinal);
    }

    // The timestamps as the result's last member, after the indicators.
    private static string MoveTimestampLast(string body)
    {
        var key = body.IndexOf("\"timestamp\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', key) + 1;
        var rest = body[..key] + body[(end + 1)..];
        var resultEnd = rest.LastIndexOf("}],\"error\"", StringComparison.Ordinal);
        return rest[..resultEnd] + "," + body[key..end] + rest[resultEnd..];
    }

    private static string TwoResults(string body)
    {
        var start = body.IndexOf("\"result\":[", StringComparison.Ordinal) + 10;
        var end = body.LastIndexOf("],\"error\"", StringComparison.Ordinal);
        var result = body[start..end];
        return body[..start] + result + "," + result.Replace("129", "999", StringComparison.Ordinal) + body[end..];
    }

    private static string Huge(int count)
    {
        var times = string.Join(
            ',',
            Enumerable.Range(0, count).Select(i => (1_000_000_000L + (i * 60L)).ToString(CultureInfo.InvariantCulture))
        );
        var prices = string.Join(
            ',',
            Enumerable
                .Range(0, count)
                .Select(i => i % 97 == 0 ? "null" : (i / 7.0 + 0.125).ToString("R", CultureInfo.InvariantCulture))
        );
        var volumes = string.Join(
            ',',
            Enumerable.Range(0, count).Select(i => (i * 1000L).ToString(CultureInfo.InvariantCulture))
        );
        return "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"X\"},\"timestamp\":["
            + times
            + "],\"indicators\":{\"quote\":[{\"open\":["
            + prices
            + "],\"close\":["
            + prices
            + "],\"volume\":["
            + volumes
            + "]}],\"adjclose\":[{\"adjclose\":["
            + prices
            + "]}]}}],\"error\":null}}";
    }

    private static string Describe(HistoryBody parsed) => $"{parsed.Problem} {parsed.Message}\n{Bars(parsed)}";

    // Every field of every bar, as text.
    private static string Bars(HistoryBody parsed)
    {
        var text = new StringBuilder();
        foreach (var bar in parsed.History?.Bars ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"{bar.Time:O} {bar.Open} {bar.High} {bar.Low} {bar.Close} ")
                .Append(CultureInfo.InvariantCulture, $"{bar.AdjustedClose} {bar.Volume}\n");
        }
        return text.ToString();
    }
}
