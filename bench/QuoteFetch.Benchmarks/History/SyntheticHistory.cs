using System.Globalization;
using System.Text;

namespace QuoteFetch.Benchmarks;

/// <summary>
/// A Yahoo-shaped daily history body built in memory, the same bytes every run: ten years of weekday bars (2,520 at
/// 252 a year) with float32-artefact prices as Yahoo writes them, an adjclose column, quarterly dividends and a split.
/// </summary>
internal static class SyntheticHistory
{
    public static byte[] Daily(int bars)
    {
        var text = new StringBuilder(bars * 130);
        var start = new DateTimeOffset(2015, 1, 2, 14, 30, 0, TimeSpan.Zero);
        var times = new long[bars];
        var day = start;
        for (var i = 0; i < bars; i++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }
            times[i] = day.ToUnixTimeSeconds();
            day = day.AddDays(1);
        }
        text.Append(
            """{"chart":{"result":[{"meta":{"currency":"USD","symbol":"SYNTH","exchangeName":"NMS","fullExchangeName":"NasdaqGS","instrumentType":"EQUITY","firstTradeDate":345479400,"regularMarketTime":1739998801,"hasPrePostMarketData":true,"gmtoffset":-18000,"timezone":"EST","exchangeTimezoneName":"America/New_York","regularMarketPrice":244.87,"chartPreviousClose":124.808,"priceHint":2,"dataGranularity":"1d","range":"10y","validRanges":["1d","5d","1mo","3mo","6mo","1y","2y","5y","10y","ytd","max"]},"timestamp":["""
        );
        AppendJoined(text, times, static (b, t) => b.Append(t));
        text.Append("""],"events":{"dividends":{""");
        var first = true;
        for (var i = 40; i < bars; i += 63)
        {
            text.Append(first ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"\"{times[i]}\":{{\"amount\":0.205,\"date\":{times[i]}}}");
            first = false;
        }
        var splitTime = times[bars / 2].ToString(CultureInfo.InvariantCulture);
        text.Append("},\"splits\":{\"")
            .Append(splitTime)
            .Append("\":{\"date\":")
            .Append(splitTime)
            .Append(",\"numerator\":4,\"denominator\":1,\"splitRatio\":\"4:1\"}}},\"indicators\":{\"quote\":[{");
        // A deterministic walk: Knuth's MMIX LCG, no Random (whose algorithm may change between runtimes).
        var state = 42UL;
        double Next()
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return (state >> 11) * (1.0 / (1UL << 53));
        }
        var close = new double[bars];
        var price = 100.0;
        for (var i = 0; i < bars; i++)
        {
            price *= 1 + ((Next() - 0.5) * 0.04);
            close[i] = price;
        }
        Column(text, "open", close, c => c * (1 + ((Next() - 0.5) * 0.01)));
        text.Append(',');
        Column(text, "high", close, c => c * (1 + (Next() * 0.01)));
        text.Append(',');
        Column(text, "low", close, c => c * (1 - (Next() * 0.01)));
        text.Append(',');
        Column(text, "close", close, c => c);
        text.Append(""","volume":[""");
        AppendJoined(text, close, (b, _) => b.Append((long)(20_000_000 + (Next() * 200_000_000))));
        text.Append("""]}],"adjclose":[{""");
        Column(text, "adjclose", close, c => c * 0.97);
        text.Append("}]}}],\"error\":null}}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Prices as Yahoo writes them: a float32 value printed as the shortest double that round-trips.
    private static void Column(StringBuilder text, string name, double[] close, Func<double, double> price)
    {
        text.Append('"').Append(name).Append("\":[");
        AppendJoined(
            text,
            close,
            (b, c) => b.Append(((double)(float)Math.Round(price(c), 2)).ToString("R", CultureInfo.InvariantCulture))
        );
        text.Append(']');
    }

    private static void AppendJoined<T>(StringBuilder text, T[] items, Action<StringBuilder, T> append)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            append(text, items[i]);
        }
    }
}
