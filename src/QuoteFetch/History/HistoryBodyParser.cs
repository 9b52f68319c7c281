using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using static QuoteFetch.JsonProperties;

namespace QuoteFetch;

/// <summary>
/// Reads a history chart body (<c>chart.result[0]</c>: meta, timestamps, quote and adjclose columns, events; or
/// <c>chart.error</c>) with <see cref="Utf8JsonReader"/> in one pass: no reflection and no intermediate objects; the
/// columns go to pooled buffers and only the bars, events and a few strings are allocated. Prices are decimals of
/// the number's own text; one that decimal cannot hold exactly makes the body bad rather than a price that is off.
/// </summary>
internal static partial class HistoryBodyParser
{
    private const string QuotePath = "indicators.quote[0]";
    private const string AdjClosePath = "indicators.adjclose[0].adjclose";

    // Real offsets lie within ±14 h; anything else is no offset at all.
    private const int MaxGmtOffsetSeconds = 14 * 3600;

    /// <summary>
    /// What the body says. Never throws: a body that cannot be read is <see cref="HistoryBodyProblem.BadBody"/>
    /// with a one-line reason; a <c>chart.error</c> is <see cref="HistoryBodyProblem.Refused"/> with Yahoo's
    /// description, whatever the status; any other status but 2xx without one is a bad body.
    /// </summary>
    public static HistoryBody Parse(HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        var parsed = Parse(status, body, scanArrays: true);
        // A body that cannot be read is read again token by token, so its message is the reader's own (a reader that
        // went on after a scanned array counts positions from there).
        return parsed.Problem == HistoryBodyProblem.BadBody ? Parse(status, body, scanArrays: false) : parsed;
    }

    /// <param name="status">The answer's status.</param>
    /// <param name="body">The answer's body.</param>
    /// <param name="scanArrays">Whether the bars' arrays may be scanned from the bytes (see the Arrays part); false reads every value as a token.</param>
    internal static HistoryBody Parse(HttpStatusCode status, ReadOnlySpan<byte> body, bool scanArrays)
    {
        var raw = new RawHistory { ScanArrays = scanArrays };
        try
        {
            Read(body, raw);
            return Outcome(status, raw);
        }
        catch (ChartBodyException e)
        {
            return HistoryBody.Bad(e.Message);
        }
        catch (JsonException e)
        {
            return HistoryBody.Bad("the body is not JSON: " + BoundedText.Cap(e.Message));
        }
#pragma warning disable CA1031 // One body, one symbol: whatever goes wrong reading it is that body's fault.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return HistoryBody.Bad($"the body could not be read ({e.GetType().Name}: {BoundedText.Cap(e.Message)})");
        }
        finally
        {
            raw.Return();
        }
    }

    private static HistoryBody Outcome(HttpStatusCode status, RawHistory raw)
    {
        if (raw.HasError)
        {
            return HistoryBody.Refused(
                raw.ErrorDescription ?? raw.ErrorCode ?? "Yahoo answered with an error and no description",
                raw.ErrorCode
            );
        }
        if ((int)status is < 200 or > 299)
        {
            return HistoryBody.Bad($"HTTP {(int)status} came without a chart.error description");
        }
        if (!raw.HasChart)
        {
            return HistoryBody.Bad("the body has no chart");
        }
        if (!raw.HasResult)
        {
            return HistoryBody.Bad("the body has no chart result");
        }
        if (raw.Symbol is not { Length: > 0 } symbol)
        {
            return HistoryBody.Bad("meta has no symbol");
        }
        var zone = ZoneOf(raw.ZoneName, raw.GmtOffset);
        return HistoryBody.Of(
            new PriceHistory
            {
                Symbol = symbol,
                Currency = raw.Currency,
                Exchange = raw.Exchange,
                TimeZoneName = raw.ZoneName,
                TimeZone = zone,
                PriceHint = raw.PriceHint,
                Bars = Bars(raw, zone),
                Dividends = Dividends(raw, zone),
                Splits = Splits(raw, zone),
            }
        );
    }

    private static PriceBar[] Bars(RawHistory raw, TimeZoneInfo zone)
    {
        var count = raw.Timestamps.Count;
        SameLength(raw.Open, "open", count);
        SameLength(raw.High, "high", count);
        SameLength(raw.Low, "low", count);
        SameLength(raw.Close, "close", count);
        SameLength(raw.Volume, "volume", count);
        if (raw.AdjClose.Present && raw.AdjClose.Count != count)
        {
            throw new ChartBodyException($"{AdjClosePath} has {raw.AdjClose.Count} entries for {count} timestamps");
        }
        if (count == 0)
        {
            return [];
        }
        var bars = new PriceBar[count];
        var times = raw.Timestamps.Items;
        var offsets = new OffsetCache(zone);
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = new PriceBar
            {
                Time = offsets.Local(times[i]),
                Open = raw.Open.At(i),
                High = raw.High.At(i),
                Low = raw.Low.At(i),
                Close = raw.Close.At(i),
                AdjustedClose = raw.AdjClose.At(i),
                Volume = raw.Volume.At(i),
            };
        }
        return bars;
    }

    private static void SameLength<T>(Column<T> column, string name, int count)
    {
        if (column.Present && column.Count != count)
        {
            throw new ChartBodyException($"{QuotePath}.{name} has {column.Count} entries for {count} timestamps");
        }
    }

    private static Dividend[] Dividends(RawHistory raw, TimeZoneInfo zone)
    {
        if (raw.Dividends is not { Count: > 0 } found)
        {
            return [];
        }
        var offsets = new OffsetCache(zone);
        var dividends = new Dividend[found.Count];
        for (var i = 0; i < dividends.Length; i++)
        {
            dividends[i] = new Dividend
            {
                Date = DateOnly.FromDateTime(offsets.Local(found[i].Time).DateTime),
                Amount = found[i].Amount,
            };
        }
        Array.Sort(dividends, static (a, b) => a.Date.CompareTo(b.Date));
        return dividends;
    }

    private static Split[] Splits(RawHistory raw, TimeZoneInfo zone)
    {
        if (raw.Splits is not { Count: > 0 } found)
        {
            return [];
        }
        var offsets = new OffsetCache(zone);
        var splits = new Split[found.Count];
        for (var i = 0; i < splits.Length; i++)
        {
            splits[i] = new Split
            {
                Date = DateOnly.FromDateTime(offsets.Local(found[i].Time).DateTime),
                Numerator = found[i].Numerator,
                Denominator = found[i].Denominator,
            };
        }
        Array.Sort(splits, static (a, b) => a.Date.CompareTo(b.Date));
        return splits;
    }

    /// <summary>The exchange's zone from tzdata; else a fixed offset from gmtoffset; else UTC.</summary>
    private static TimeZoneInfo ZoneOf(string? name, int? gmtOffset)
    {
        if (name is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }
        if (gmtOffset is { } seconds && Math.Abs(seconds) <= MaxGmtOffsetSeconds && seconds % 60 == 0)
        {
            var offset = TimeSpan.FromSeconds(seconds);
            var id =
                "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        }
        return TimeZoneInfo.Utc;
    }

    private static void Read(ReadOnlySpan<byte> body, RawHistory raw)
    {
        var reader = new Utf8JsonReader(body);
        raw.ReaderStart = 0;
        if (!reader.Read())
        {
            throw new JsonException("it is empty");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ChartBodyException("the body is not a JSON object");
        }
        while (NextProperty(ref reader))
        {
            if (ObjectValueOf("chart"u8, ref reader))
            {
                raw.HasChart = true;
                ReadChart(ref reader, body, raw);
            }
        }
        // Read to the end, so a body cut short is refused even past what we need.
        while (reader.Read()) { }
    }

    private static void ReadChart(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RawHistory raw)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadResults(ref reader, body, raw);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (ObjectValueOf("error"u8, ref reader))
            {
                raw.HasError = true;
                ReadError(ref reader, raw);
            }
        }
    }

    private static void ReadResults(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RawHistory raw)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ChartBodyException($"chart.result[0] is a {reader.TokenType}, not an object");
        }
        raw.HasResult = true;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("meta"u8))
            {
                FirstTime(ref seen, 1, "the chart result", "meta");
                if (ObjectValueOf("meta"u8, ref reader))
                {
                    ReadMeta(ref reader, raw);
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                FirstTime(ref seen, 2, "the chart result", "timestamp");
                ReadTimestamps(ref reader, body, raw);
            }
            else if (reader.ValueTextEquals("indicators"u8))
            {
                FirstTime(ref seen, 4, "the chart result", "indicators");
                if (ObjectValueOf("indicators"u8, ref reader))
                {
                    ReadIndicators(ref reader, body, raw);
                }
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                FirstTime(ref seen, 8, "the chart result", "events");
                if (ObjectValueOf("events"u8, ref reader))
                {
                    ReadEvents(ref reader, raw);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        // Only the first result is ours: Yahoo sends one per symbol.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }

    private static void ReadMeta(ref Utf8JsonReader reader, RawHistory raw)
    {
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                FirstTime(ref seen, 1, "meta", "symbol");
                raw.Symbol = ReadText(ref reader, "symbol");
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                FirstTime(ref seen, 2, "meta", "currency");
                raw.Currency = ReadText(ref reader, "currency");
            }
            else if (reader.ValueTextEquals("exchangeName"u8))
            {
                FirstTime(ref seen, 4, "meta", "exchangeName");
                raw.Exchange = ReadText(ref reader, "exchangeName");
            }
            else if (reader.ValueTextEquals("exchangeTimezoneName"u8))
            {
                FirstTime(ref seen, 8, "meta", "exchangeTimezoneName");
                raw.ZoneName = ReadText(ref reader, "exchangeTimezoneName");
            }
            else if (reader.ValueTextEquals("gmtoffset"u8))
            {
                FirstTime(ref seen, 16, "meta", "gmtoffset");
                raw.GmtOffset = ReadSmallInt(ref reader, "gmtoffset", int.MinValue, int.MaxValue);
            }
            else if (reader.ValueTextEquals("priceHint"u8))
            {
                FirstTime(ref seen, 32, "meta", "priceHint");
                raw.PriceHint = ReadSmallInt(ref reader, "priceHint", 0, ChartBodyParser.MaxPriceHint);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadError(ref Utf8JsonReader reader, RawHistory raw)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("description"u8))
            {
                raw.ErrorDescription = ReadErrorText(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                raw.ErrorCode = ReadErrorText(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadTimestamps(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RawHistory raw)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        ExpectArray(ref reader, "timestamp");
        ref var column = ref raw.Timestamps;
        column.Present = true;
        if (TryScanArray(ref reader, body, raw, ref column, ScanTimestamps))
        {
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = column.Count;
            if (!UnixSeconds(ref reader, out var seconds))
            {
                throw reader.TokenType == JsonTokenType.Number
                    ? new ChartBodyException(
                        $"timestamp[{index}] {BoundedText.Ascii(reader.ValueSpan)} is not a time between the years 1 and 9999"
                    )
                    : new ChartBodyException($"timestamp[{index}] is a {reader.TokenType}, not a number");
            }
            column.Add(seconds);
        }
    }

    private static void ReadIndicators(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RawHistory raw)
    {
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("quote"u8))
            {
                FirstTime(ref seen, 1, "indicators", "quote");
                if (FirstOfArray(ref reader, "indicators.quote"))
                {
                    ReadQuote(ref reader, body, raw);
                    SkipRestOfArray(ref reader);
                }
            }
            else if (reader.ValueTextEquals("adjclose"u8))
            {
                FirstTime(ref seen, 2, "indicators", "adjclose");
                if (FirstOfArray(ref reader, "indicators.adjclose"))
                {
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("adjclose"u8))
                        {
                            FirstTime(ref seen, 4, "indicators.adjclose[0]", "adjclose");
                            ReadPrices(ref reader, body, raw, ref raw.AdjClose, AdjClosePath);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                    SkipRestOfArray(ref reader);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadQuote(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RawHistory raw)
    {
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("open"u8))
            {
                FirstTime(ref seen, 1, QuotePath, "open");
                ReadPrices(ref reader, body, raw, ref raw.Open, QuotePath + ".open");
            }
            else if (reader.ValueTextEquals("high"u8))
            {
                FirstTime(ref seen, 2, QuotePath, "high");
                ReadPrices(ref reader, body, raw, ref raw.High, QuotePath + ".high");
            }
            else if (reader.ValueTextEquals("low"u8))
            {
                FirstTime(ref seen, 4, QuotePath, "low");
                ReadPrices(ref reader, body, raw, ref raw.Low, QuotePath + ".low");
            }
            else if (reader.ValueTextEquals("close"u8))
            {
                FirstTime(ref seen, 8, QuotePath, "close");
                ReadPrices(ref reader, body, raw, ref raw.Close, QuotePath + ".close");
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                FirstTime(ref seen, 16, QuotePath, "volume");
                ReadVolumes(ref reader, body, raw, ref raw.Volume);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadPrices(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> body,
        RawHistory raw,
        ref Column<decimal?> column,
        string path
    )
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        ExpectArray(ref reader, path);
        column.Present = true;
        if (TryScanArray(ref reader, body, raw, ref column, ScanPrices))
        {
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            column.Add(reader.TokenType == JsonTokenType.Null ? null : ExactNumber(ref reader, path, column.Count));
        }
    }

    private static void ReadVolumes(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> body,
        RawHistory raw,
        ref Column<long?> column
    )
    {
        const string Path = QuotePath + ".volume";
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        ExpectArray(ref reader, Path);
        column.Present = true;
        if (TryScanArray(ref reader, body, raw, ref column, ScanVolumes))
        {
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                column.Add(null);
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var volume))
            {
                column.Add(volume);
            }
            else
            {
                // 1.5e3 is a whole number in another notation; 1.5 is not a volume.
                var value = ExactNumber(ref reader, Path, column.Count);
                if (value != decimal.Truncate(value) || value is < long.MinValue or > long.MaxValue)
                {
                    throw new ChartBodyException(
                        $"{Path}[{column.Count}] {BoundedText.Ascii(reader.ValueSpan)} is not a whole number"
                    );
                }
                column.Add((long)value);
            }
        }
    }

    private static void ReadEvents(ref Utf8JsonReader reader, RawHistory raw)
    {
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("dividends"u8))
            {
                FirstTime(ref seen, 1, "events", "dividends");
                if (ObjectValueOf("dividends"u8, ref reader))
                {
                    raw.Dividends = [];
                    while (NextProperty(ref reader))
                    {
                        reader.Read();
                        ExpectObject(ref reader, "events.dividends");
                        raw.Dividends.Add(ReadDividend(ref reader));
                    }
                }
            }
            else if (reader.ValueTextEquals("splits"u8))
            {
                FirstTime(ref seen, 2, "events", "splits");
                if (ObjectValueOf("splits"u8, ref reader))
                {
                    raw.Splits = [];
                    while (NextProperty(ref reader))
                    {
                        reader.Read();
                        ExpectObject(ref reader, "events.splits");
                        raw.Splits.Add(ReadSplit(ref reader));
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static RawDividend ReadDividend(ref Utf8JsonReader reader)
    {
        decimal? amount = null;
        long? time = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("amount"u8))
            {
                amount = ReadEventNumber(ref reader, "events.dividends amount");
            }
            else if (reader.ValueTextEquals("date"u8))
            {
                time = ReadEventTime(ref reader, "events.dividends");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return new RawDividend(
            time ?? throw new ChartBodyException("a dividend in events.dividends has no date"),
            amount ?? throw new ChartBodyException("a dividend in events.dividends has no amount")
        );
    }

    private static RawSplit ReadSplit(ref Utf8JsonReader reader)
    {
        decimal? numerator = null;
        decimal? denominator = null;
        long? time = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("numerator"u8))
            {
                numerator = ReadEventNumber(ref reader, "events.splits numerator");
            }
            else if (reader.ValueTextEquals("denominator"u8))
            {
                denominator = ReadEventNumber(ref reader, "events.splits denominator");
            }
            else if (reader.ValueTextEquals("date"u8))
            {
                time = ReadEventTime(ref reader, "events.splits");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return new RawSplit(
            time ?? throw new ChartBodyException("a split in events.splits has no date"),
            numerator ?? throw new ChartBodyException("a split in events.splits has no numerator"),
            denominator ?? throw new ChartBodyException("a split in events.splits has no denominator")
        );
    }

    private static decimal ReadEventNumber(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new ChartBodyException($"{path} is a {reader.TokenType}, not a number");
        }
        if (!reader.TryGetDecimal(out var value) || !ExactDecimal.Holds(reader.ValueSpan, value))
        {
            throw new ChartBodyException(
                $"{path} {BoundedText.Ascii(reader.ValueSpan)} cannot be held exactly as a decimal"
            );
        }
        return value;
    }

    private static long ReadEventTime(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        return UnixSeconds(ref reader, out var seconds)
            ? seconds
            : throw new ChartBodyException($"a date in {path} is not a time between the years 1 and 9999");
    }

    /// <summary>At a number: whether it is whole Unix seconds that <see cref="DateTimeOffset"/> can hold.</summary>
    private static bool UnixSeconds(ref Utf8JsonReader reader, out long seconds)
    {
        seconds = 0;
        return reader.TokenType == JsonTokenType.Number
            && reader.TryGetInt64(out seconds)
            && seconds is >= ChartBodyParser.MinUnixSeconds and <= ChartBodyParser.MaxUnixSeconds;
    }

    private static decimal ExactNumber(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new ChartBodyException($"{path}[{index}] is a {reader.TokenType}, not a number");
        }
        if (PlainDecimal.TryParse(reader.ValueSpan, out var plain))
        {
            return plain;
        }
        if (!reader.TryGetDecimal(out var value) || !ExactDecimal.Holds(reader.ValueSpan, value))
        {
            throw new ChartBodyException(
                $"{path}[{index}] {BoundedText.Ascii(reader.ValueSpan)} cannot be held exactly as a decimal"
            );
        }
        return value;
    }

    private static string? ReadText(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // Parse takes one span, so the value is never split across segments.
                Debug.Assert(!reader.HasValueSequence);
                return BoundedText.DecodeOrThrow(reader.ValueSpan, reader.ValueIsEscaped, $"meta.{name}");
            case JsonTokenType.Null:
                return null;
            default:
                throw new ChartBodyException($"meta.{name} is a {reader.TokenType}, not a string");
        }
    }

    // Yahoo's error text is only ever shown, so text that cannot be decoded is left out.
    private static string? ReadErrorText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return
            reader.TokenType == JsonTokenType.String
            && BoundedText.Decode(reader.ValueSpan, reader.ValueIsEscaped, out var text) == TextStatus.Ok
            && text.Length > 0
            ? text
            : SkipAndNull(ref reader);
    }

    private static string? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    // A number outside [min, max] (or not whole) is no value: these fields only help, they are never shown.
    private static int? ReadSmallInt(ref Utf8JsonReader reader, string name, int min, int max)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var value) && value >= min && value <= max => value,
            JsonTokenType.Number or JsonTokenType.Null => null,
            _ => throw new ChartBodyException($"meta.{name} is a {reader.TokenType}, not a number"),
        };
    }

    private static void ExpectArray(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ChartBodyException($"{path} is a {reader.TokenType}, not an array");
        }
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ChartBodyException($"an entry of {path} is a {reader.TokenType}, not an object");
        }
    }

    /// <summary>At a property whose value should be an array of objects: true, on the first object's start; false when the array is empty or null.</summary>
    private static bool FirstOfArray(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }
        ExpectArray(ref reader, path);
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ChartBodyException($"{path}[0] is a {reader.TokenType}, not an object");
        }
        return true;
    }

    // Parsers disagree on which of two equal keys wins, so a body that has one of ours twice is not trusted at all.
    private static void FirstTime(ref int seen, int field, string where, string name)
    {
        if ((seen & field) != 0)
        {
            throw new ChartBodyException($"{where} has '{name}' twice");
        }
        seen |= field;
    }

    /// <summary>
    /// Unix seconds to the exchange's local time. Bars come in time order and a zone's offset changes a few times a
    /// year at most, so an offset found at one time is kept for the next week when the zone has the same offset a
    /// week later: the lookups drop from one per bar to a few per month of daily bars.
    /// </summary>
    /// <remarks>No zone changes its offset and back within a week (Morocco's Ramadan pause, the shortest, lasts about a month).</remarks>
    private struct OffsetCache(TimeZoneInfo zone)
    {
        private const long Window = 7 * 86_400;

        private long _validFrom = long.MaxValue;
        private long _validTo = long.MinValue;
        private TimeSpan _offset;

        public DateTimeOffset Local(long seconds)
        {
            var utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (seconds < _validFrom || seconds >= _validTo)
            {
                _offset = zone.GetUtcOffset(utc);
                _validFrom = seconds;
                _validTo =
                    seconds <= ChartBodyParser.MaxUnixSeconds - Window
                    && zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(seconds + Window)) == _offset
                        ? seconds + Window
                        : seconds + 1;
            }
            return utc.ToOffset(_offset);
        }
    }

    private readonly record struct RawDividend(long Time, decimal Amount);

    private readonly record struct RawSplit(long Time, decimal Numerator, decimal Denominator);

    /// <summary>A growable column in a pooled buffer; <see cref="Return"/> gives the buffer back.</summary>
    private struct Column<T>
    {
        public T[] Items;
        public int Count;
        public bool Present;

        public readonly T? At(int index) => Present ? Items[index] : default;

        public void Add(T item)
        {
            if (Items is null || Count == Items.Length)
            {
                Grow();
            }
            Items![Count++] = item;
        }

        public void Return()
        {
            if (Items is not null)
            {
                ArrayPool<T>.Shared.Return(Items);
                Items = null!;
            }
        }

        private void Grow()
        {
            var bigger = ArrayPool<T>.Shared.Rent(Items is null ? 256 : Items.Length * 2);
            if (Items is not null)
            {
                Items.AsSpan(0, Count).CopyTo(bigger);
                ArrayPool<T>.Shared.Return(Items);
            }
            Items = bigger;
        }
    }

    private sealed class RawHistory
    {
        /// <summary>Where in the body the current reader's input starts (it is restarted after each scanned array).</summary>
        public int ReaderStart;

        public bool ScanArrays { get; init; }

        public Column<long> Timestamps;
        public Column<decimal?> Open;
        public Column<decimal?> High;
        public Column<decimal?> Low;
        public Column<decimal?> Close;
        public Column<decimal?> AdjClose;
        public Column<long?> Volume;

        public bool HasChart { get; set; }
        public bool HasResult { get; set; }
        public bool HasError { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorDescription { get; set; }
        public string? Symbol { get; set; }
        public string? Currency { get; set; }
        public string? Exchange { get; set; }
        public string? ZoneName { get; set; }
        public int? GmtOffset { get; set; }
        public int? PriceHint { get; set; }
        public List<RawDividend>? Dividends { get; set; }
        public List<RawSplit>? Splits { get; set; }

        public void Return()
        {
            Timestamps.Return();
            Open.Return();
            High.Return();
            Low.Return();
            Close.Return();
            AdjClose.Return();
            Volume.Return();
        }
    }
}
