using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// History answers of GET /v8/finance/chart/{symbol}?period1=..&amp;period2=.. (or range=..), shaped like Yahoo's:
/// the recorded AAPL history, the recorded empty range, or deterministic synthetic bars for any other symbol.
/// </summary>
internal static class HistoryChart
{
    /// <summary>Synthetic symbols existed from here on (AAPL's real first trade date, as in the quote template).</summary>
    public const long FirstTradeDate = 345479400;

    // Bounds the body whatever is asked: ten years of daily bars, about two weeks of 1m bars.
    public const int MaxBars = 2_700;

    private const long Day = 86_400;

    // The recorded window: period1/period2 of the request that recorded the AAPL history fixture.
    private const long RecordedStart = 1598832000; // 2020-08-31T00:00Z
    private const long RecordedEnd = 1604707200; // 2020-11-07T00:00Z

    // Yahoo writes ' and & as they are; the default encoder would send \u0027 and \u0026.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Intervals =
    [
        "1m",
        "2m",
        "5m",
        "15m",
        "30m",
        "60m",
        "90m",
        "1h",
        "1d",
        "5d",
        "1wk",
        "1mo",
        "3mo",
    ];

    private static readonly string[] Ranges = ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"];

    /// <summary>
    /// A quote request (no period1, period2 or range) is not history and keeps its old answer; nor is range=1d at
    /// a daily interval, since that is the one-bar chart the quote bodies are (chart-index-GSPC.json was recorded so).
    /// </summary>
    public static bool IsHistory(IQueryCollection query) =>
        query.ContainsKey("period1")
        || query.ContainsKey("period2")
        || (
            query.ContainsKey("range")
            && !(query["range"] == "1d" && (query["interval"] == "1d" || !query.ContainsKey("interval")))
        );

    /// <summary>The status and body for a history request of a known symbol.</summary>
    public static (int Status, byte[] Body) Answer(string symbol, IQueryCollection query, DateTimeOffset now)
    {
        var interval = query["interval"].ToString();
        if (interval.Length == 0)
        {
            interval = "1d";
        }

        if (Array.IndexOf(Intervals, interval) < 0)
        {
            return BadRequest($"Invalid input - interval={interval} is not supported");
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        var range = query["range"].ToString();
        long period1;
        long period2;
        if (query.ContainsKey("period1") || query.ContainsKey("period2"))
        {
            period2 = nowSeconds;
            if (
                !long.TryParse(
                    query["period1"],
                    NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture,
                    out period1
                )
                || (
                    query.ContainsKey("period2")
                    && !long.TryParse(
                        query["period2"],
                        NumberStyles.AllowLeadingSign,
                        CultureInfo.InvariantCulture,
                        out period2
                    )
                )
            )
            {
                return BadRequest("Invalid input - period1 and period2 must be unix seconds");
            }

            range = string.Empty;
        }
        else if (Array.IndexOf(Ranges, range) < 0)
        {
            return BadRequest($"Invalid input - range={range} is not supported");
        }
        else
        {
            period2 = nowSeconds;
            period1 = RangeStart(range, now);
        }

        if (period1 > period2)
        {
            return BadRequest(
                $"Invalid input - start date cannot be after end date. startDate = {period1}, endDate = {period2}"
            );
        }

        // Yahoo's wording for a start before the listing (it answers 400, not an empty chart).
        if (period1 < FirstTradeDate)
        {
            return BadRequest($"Data doesn't exist for startDate = {period1}, endDate = {period2}");
        }

        if (IntradayRefusal(interval, period1, period2, nowSeconds) is { } refusal)
        {
            // Mirrors Yahoo's 422 for intraday data outside what it keeps or serves per request.
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Unprocessable Entity", refusal));
        }

        var exchange = Exchange.For(symbol);
        var bars = Timestamps(exchange, interval, period1, period2);
        if (bars.Count == 0 && symbol == "AAPL" && interval == "1m")
        {
            return (StatusCodes.Status200OK, FakeYahooFixtures.File("chart-AAPL-empty-range-1m.json").ToArray());
        }

        // The whole recording is served unchanged for any 1d request within a week of its window that overlaps it;
        // Yahoo would trim to the request, but a client reading "AAPL in autumn 2020" sees the recorded 49 bars.
        if (
            symbol == "AAPL"
            && interval == "1d"
            && period1 >= RecordedStart - 7 * Day
            && period2 <= RecordedEnd + 7 * Day
            && period1 < RecordedEnd
            && period2 > RecordedStart
        )
        {
            return (StatusCodes.Status200OK, FakeYahooFixtures.File(RecordedFile).ToArray());
        }

        var events = query["events"].ToString();
        var withDividends = events.Contains("div", StringComparison.Ordinal);
        var withSplits = events.Contains("split", StringComparison.Ordinal);
        return (StatusCodes.Status200OK, Synthetic(symbol, exchange, interval, range, bars, withDividends, withSplits));
    }

    public const string RecordedFile = "chart-AAPL-history-2020-08-31-to-2020-11-07.json";

    /// <summary>A Yahoo chart error body: {"chart":{"result":null,"error":{"code":..,"description":..}}}.</summary>
    public static byte[] ErrorBody(string code, string description)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("chart");
            writer.WriteNull("result");
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("description", description);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static (int, byte[]) BadRequest(string description) =>
        (StatusCodes.Status400BadRequest, ErrorBody("Bad Request", description));

    private static long RangeStart(string range, DateTimeOffset now) =>
        (
            range switch
            {
                "1d" => now.AddDays(-1),
                "5d" => now.AddDays(-5),
                "1mo" => now.AddMonths(-1),
                "3mo" => now.AddMonths(-3),
                "6mo" => now.AddMonths(-6),
                "1y" => now.AddYears(-1),
                "2y" => now.AddYears(-2),
                "5y" => now.AddYears(-5),
                "10y" => now.AddYears(-10),
                "ytd" => new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
                _ => DateTimeOffset.FromUnixTimeSeconds(FirstTradeDate),
            }
        ).ToUnixTimeSeconds();

    // Yahoo keeps 1m bars for 30 days and serves 7 days of them per request (8 days of calendar span pass),
    // other minute intervals for 60 days, hourly for 730 days.
    private static string? IntradayRefusal(string interval, long period1, long period2, long now)
    {
        var (keptDays, perRequestDays, rule) = interval switch
        {
            "1m" => (30, 8, "Only 7 days worth of 1m granularity data are allowed to be fetched per request."),
            "2m" or "5m" or "15m" or "30m" or "90m" => (60, 60, "The requested range must be within the last 60 days."),
            "60m" or "1h" => (730, 730, "The requested range must be within the last 730 days."),
            _ => (0, 0, string.Empty),
        };
        if (keptDays == 0)
        {
            return null;
        }

        if (period1 < now - keptDays * Day)
        {
            return $"{interval} data not available for startTime={period1} and endTime={period2}. The requested range must be within the last {keptDays} days.";
        }

        return period2 - period1 > perRequestDays * Day
            ? $"{interval} data not available for startTime={period1} and endTime={period2}. {rule}"
            : null;
    }

    /// <summary>Bar times in [period1, period2): the session open of each weekday (local dates, fixed offset).</summary>
    private static List<long> Timestamps(Exchange exchange, string interval, long period1, long period2)
    {
        var bars = new List<long>();

        // Ten years back at most, whatever was asked, so the body stays bounded.
        var from = Math.Max(period1, period2 - 3_653 * Day);
        var firstDay = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(from + exchange.Offset)).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(period2 + exchange.Offset));
        var step = IntradayStep(interval);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var open = day.DayNumber * Day - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * Day;
            open += exchange.OpenSeconds - exchange.Offset;
            if (step > 0)
            {
                for (var t = open; t < open + exchange.SessionSeconds; t += step)
                {
                    Add(bars, t, from, period2);
                }

                continue;
            }

            var starts = interval switch
            {
                "5d" or "1wk" => day.DayOfWeek == DayOfWeek.Monday,
                "1mo" => day.Day <= 3 && IsFirstWeekdayOfMonth(day),
                "3mo" => day.Month % 3 == 1 && IsFirstWeekdayOfMonth(day),
                _ => true,
            };
            if (starts)
            {
                Add(bars, open, from, period2);
            }
        }

        return bars.Count > MaxBars ? bars[^MaxBars..] : bars;

        static void Add(List<long> bars, long t, long from, long to)
        {
            if (t >= from && t < to)
            {
                bars.Add(t);
            }
        }
    }

    private static bool IsFirstWeekdayOfMonth(DateOnly day) =>
        day.Day == 1 || (day.DayOfWeek == DayOfWeek.Monday && day.Day <= 3);

    private static long IntradayStep(string interval) =>
        interval switch
        {
            "1m" => 60,
            "2m" => 120,
            "5m" => 300,
            "15m" => 900,
            "30m" => 1_800,
            "60m" or "1h" => 3_600,
            "90m" => 5_400,
            _ => 0,
        };

    private static byte[] Synthetic(
        string symbol,
        Exchange exchange,
        string interval,
        string range,
        List<long> bars,
        bool withDividends,
        bool withSplits
    )
    {
        var hash = SyntheticChart.Hash(symbol);
        var baseCents = 100 + (long)(hash % 99_900);
        var count = bars.Count;
        var open = new decimal?[count];
        var high = new decimal?[count];
        var low = new decimal?[count];
        var close = new decimal?[count];
        var volume = new long?[count];
        for (var i = 0; i < count; i++)
        {
            // Every 17th bar of the calendar is all-null, as Yahoo sends for a halted session.
            var slot = IntradayStep(interval) > 0 ? bars[i] / IntradayStep(interval) : bars[i] / Day;
            if (slot % 17 == 0)
            {
                continue;
            }

            var noise = SyntheticChart.Mix(hash ^ (uint)slot ^ (uint)(slot >> 32));
            var closeCents = baseCents * (900 + noise % 201) / 1000;
            var openCents = closeCents * (990 + (noise >> 8) % 21) / 1000;
            close[i] = Math.Max(1, closeCents) / 100m;
            open[i] = Math.Max(1, openCents) / 100m;
            high[i] = Math.Max(close[i]!.Value, open[i]!.Value) * (1000 + (noise >> 16) % 16) / 1000;
            low[i] = Math.Min(close[i]!.Value, open[i]!.Value) * (1000 - (noise >> 20) % 16) / 1000;
            volume[i] = 100_000 + (SyntheticChart.Mix(noise) % 50_000_000);
        }

        // The events sit at fixed places of the answer: the dividend a third in, the 4:1 split two thirds in.
        var dividendAt = count / 3;
        var splitAt = 2 * count / 3;
        var dividend = (5 + hash % 95) / 100m;
        var daily = IntradayStep(interval) == 0;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("chart");
            writer.WriteStartArray("result");
            writer.WriteStartObject();
            WriteMeta(writer, symbol, exchange, interval, range, close);
            if (count > 0)
            {
                writer.WriteStartArray("timestamp");
                foreach (var t in bars)
                {
                    writer.WriteNumberValue(t);
                }

                writer.WriteEndArray();
                if (withDividends || withSplits)
                {
                    writer.WriteStartObject("events");
                    if (withDividends)
                    {
                        var t = bars[dividendAt];
                        writer.WriteStartObject("dividends");
                        writer.WriteStartObject(t.ToString(CultureInfo.InvariantCulture));
                        writer.WriteNumber("amount", dividend);
                        writer.WriteNumber("date", t);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    if (withSplits)
                    {
                        var t = bars[splitAt];
                        writer.WriteStartObject("splits");
                        writer.WriteStartObject(t.ToString(CultureInfo.InvariantCulture));
                        writer.WriteNumber("date", t);
                        writer.WriteNumber("numerator", 4);
                        writer.WriteNumber("denominator", 1);
                        writer.WriteString("splitRatio", "4:1");
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }
            }

            writer.WriteStartObject("indicators");
            writer.WriteStartArray("quote");
            writer.WriteStartObject();
            if (count > 0)
            {
                WritePrices(writer, "open", open);
                WritePrices(writer, "high", high);
                WritePrices(writer, "low", low);
                WritePrices(writer, "close", close);
                writer.WriteStartArray("volume");
                foreach (var v in volume)
                {
                    if (v is { } value)
                    {
                        writer.WriteNumberValue(value);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            if (daily && count > 0)
            {
                // Yahoo's adjclose takes the dividend out of the closes before it, whether or not events were asked.
                var factor = DividendFactor(close, dividendAt, dividend);
                var adjusted = new decimal?[count];
                for (var i = 0; i < count; i++)
                {
                    adjusted[i] = i < dividendAt ? close[i] * factor : close[i];
                }

                writer.WriteStartArray("adjclose");
                writer.WriteStartObject();
                WritePrices(writer, "adjclose", adjusted);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteNull("error");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static decimal DividendFactor(decimal?[] close, int dividendAt, decimal dividend)
    {
        for (var i = dividendAt - 1; i >= 0; i--)
        {
            if (close[i] is { } previous && previous > dividend)
            {
                return 1 - dividend / previous;
            }
        }

        return 1;
    }

    private static void WriteMeta(
        Utf8JsonWriter writer,
        string symbol,
        Exchange exchange,
        string interval,
        string range,
        decimal?[] close
    )
    {
        var last = Array.FindLast(close, c => c is not null);
        writer.WriteStartObject("meta");
        writer.WriteString("currency", exchange.Currency);
        writer.WriteString("symbol", symbol);
        writer.WriteString("exchangeName", exchange.Name);
        writer.WriteString("fullExchangeName", exchange.FullName);
        writer.WriteString("instrumentType", "EQUITY");
        writer.WriteNumber("firstTradeDate", FirstTradeDate);
        writer.WriteBoolean("hasPrePostMarketData", true);
        writer.WriteNumber("gmtoffset", exchange.Offset);
        writer.WriteString("timezone", exchange.TimezoneAbbreviation);
        writer.WriteString("exchangeTimezoneName", exchange.TimezoneName);
        writer.WritePropertyName("regularMarketPrice");
        WritePrice(writer, last);
        writer.WriteString("longName", symbol + " Synthetic Inc.");
        writer.WriteString("shortName", symbol + " Synthetic");
        writer.WriteNumber("priceHint", 2);
        writer.WriteString("dataGranularity", interval);
        writer.WriteString("range", range);
        writer.WriteStartArray("validRanges");
        foreach (var valid in Ranges)
        {
            writer.WriteStringValue(valid);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePrices(Utf8JsonWriter writer, string name, decimal?[] prices)
    {
        writer.WriteStartArray(name);
        foreach (var price in prices)
        {
            WritePrice(writer, price);
        }

        writer.WriteEndArray();
    }

    // Yahoo stores bar prices as float32 and prints them as doubles: 129.04 goes out as 129.0399932861328.
    private static void WritePrice(Utf8JsonWriter writer, decimal? price)
    {
        if (price is { } value)
        {
            writer.WriteRawValue(
                ((double)(float)value).ToString("R", CultureInfo.InvariantCulture),
                skipInputValidation: true
            );
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Where a synthetic symbol trades. Offsets are fixed (the meta's gmtoffset), not the zone's daylight rules:
    /// a fake needs stable times, and Sydney's summer offset is the one whose open falls before midnight UTC.
    /// </summary>
    private sealed record Exchange(
        string Name,
        string FullName,
        string Currency,
        string TimezoneName,
        string TimezoneAbbreviation,
        int Offset,
        int OpenSeconds,
        int SessionSeconds
    )
    {
        private static readonly Exchange Nasdaq = new(
            "NMS",
            "NasdaqGS",
            "USD",
            "America/New_York",
            "EST",
            -18_000,
            34_200,
            23_400
        );

        // 10:00 AEDT is 23:00 UTC of the day before: the bar's UTC date is not its trading date.
        private static readonly Exchange Asx = new(
            "ASX",
            "ASX",
            "AUD",
            "Australia/Sydney",
            "AEDT",
            39_600,
            36_000,
            21_600
        );

        public static Exchange For(string symbol) => symbol.EndsWith(".AX", StringComparison.Ordinal) ? Asx : Nasdaq;
    }
}
