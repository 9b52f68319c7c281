using System.Buffers;
using System.Globalization;
using System.Text;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// A v8 chart body in the shape of chart-AAPL.json for any symbol, written from a pre-split byte
/// template: benchmarks ask for thousands of symbols, and a per-request JSON DOM would measure the fake.
/// </summary>
internal static class SyntheticChart
{
    // Sent compact like the real wire; written indented here only to be readable. $Name$ marks a value.
    // Times are Monday 2025-11-24, regular session 09:30-16:00 America/New_York (EST).
    private const string Template = """
        {"chart":{"result":[{
          "meta":{
            "currency":"$Currency$","symbol":"$Symbol$","exchangeName":"$Exchange$","fullExchangeName":"$FullExchange$",
            "instrumentType":"$Type$","firstTradeDate":345479400,"regularMarketTime":1764018000,
            "hasPrePostMarketData":true,"gmtoffset":-18000,"timezone":"EST","exchangeTimezoneName":"America/New_York",
            "regularMarketPrice":$Price$,"fiftyTwoWeekHigh":$High$,"fiftyTwoWeekLow":$Low$,
            "regularMarketDayHigh":$High$,"regularMarketDayLow":$Low$,"regularMarketVolume":$Volume$,
            "longName":"$Symbol$ Synthetic Inc.","shortName":"$Symbol$ Synthetic",
            "chartPreviousClose":$Previous$,"previousClose":$Previous$,"scale":3,"priceHint":2,
            "currentTradingPeriod":{
              "pre":{"timezone":"EST","start":1763974800,"end":1763994600,"gmtoffset":-18000},
              "regular":{"timezone":"EST","start":1763994600,"end":1764018000,"gmtoffset":-18000},
              "post":{"timezone":"EST","start":1764018000,"end":1764032400,"gmtoffset":-18000}},
            "dataGranularity":"1d","range":"1d",
            "validRanges":["1d","5d","1mo","3mo","6mo","1y","2y","5y","10y","ytd","max"]},
          "timestamp":[1763994600],
          "indicators":{
            "quote":[{"open":[$Previous$],"high":[$High$],"low":[$Low$],"close":[$Price$],"volume":[$Volume$]}],
            "adjclose":[{"adjclose":[$Price$]}]}}],
        "error":null}}
        """;

    // JSON text (escapes included) for MarkupInExchange: console markup, ANSI/OSC-8 escapes, BEL, a formula and CR LF.
    private const string HostileExchange = @"[red]EVIL[/]\u001b[31m\u0007X";
    private const string HostileFullExchange =
        @"=HYPERLINK(\""http://evil.example\"",\""x\"") [link=http://evil.example]Nasdaq[/] \u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007\r\n[/]";

    private const int MinThousandths = 1_000;
    private const int MaxThousandths = 999_990;

    private static readonly Segment[] Segments = Parse(Template);

    private enum Field
    {
        None,
        Symbol,
        Exchange,
        FullExchange,
        Price,
        Previous,
        High,
        Low,
        Volume,
        Currency,
        Type,
    }

    /// <summary>regularMarketPrice of <paramref name="symbol"/>: 1 to 999.99, up to 3 decimals, stable across runs.</summary>
    public static string PriceText(string symbol) => FormatThousandths(PriceThousandths(Hash(symbol)));

    public static string PreviousCloseText(string symbol)
    {
        var hash = Hash(symbol);
        return FormatThousandths(PreviousThousandths(hash, PriceThousandths(hash)));
    }

    /// <summary>
    /// The values to fill in; <paramref name="priceText"/> null means the symbol's own synthetic price, and
    /// <paramref name="currency"/> null the symbol's own currency (<see cref="CurrencyOf"/>).
    /// </summary>
    public static string[] Values(string symbol, string? priceText, bool hostileExchange, string? currency = null)
    {
        var hash = Hash(symbol);
        var price = PriceThousandths(hash);
        var previous = PreviousThousandths(hash, price);
        var spread = Math.Max(10, price / 200);
        var values = new string[Enum.GetValues<Field>().Length];
        values[(int)Field.Symbol] = symbol;
        values[(int)Field.Exchange] = hostileExchange ? HostileExchange : "NMS";
        values[(int)Field.FullExchange] = hostileExchange ? HostileFullExchange : "NasdaqGS";
        values[(int)Field.Price] = priceText ?? PairPriceText(symbol) ?? FormatThousandths(price);
        values[(int)Field.Previous] = FormatThousandths(previous);
        values[(int)Field.High] = FormatThousandths(Math.Max(price, previous) + spread);
        values[(int)Field.Low] = FormatThousandths(Math.Max(MinThousandths, Math.Min(price, previous) - spread));
        values[(int)Field.Currency] = currency ?? CurrencyOf(symbol);
        values[(int)Field.Type] = IsPair(symbol) ? "CURRENCY" : "EQUITY";
        values[(int)Field.Volume] = (100_000 + (Mix(hash) >> 8) % 50_000_000).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>
    /// USD, except for a currency pair in Yahoo's form: <c>GBPUSD=X</c> is priced in USD per GBP, so its
    /// <c>meta.currency</c> is the second code, USD (as in the recorded chart-currency-EURUSD=X.json).
    /// </summary>
    public static string CurrencyOf(string symbol) => IsPair(symbol) ? symbol[3..6] : "USD";

    // USD per unit, rounded from the recorded EURUSD=X day (2025-02-20): every pair between these is priced from them,
    // so direct, inverse and cross rates agree (GBPUSD=X 1.2634, USDGBP=X 0.791515, CADEUR=X 0.700651).
    private static readonly Dictionary<string, decimal> UsdPerUnit = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.0436m,
        ["GBP"] = 1.2634m,
        ["CAD"] = 0.7312m,
        ["CHF"] = 1.1106m,
        ["JPY"] = 0.006612m,
        ["ILS"] = 0.2705m,
        ["ZAR"] = 0.0551m,
        ["AUD"] = 0.6359m,
    };

    /// <summary>A pair between two currencies of the table: USD per unit of the first over that of the second, 6 places.</summary>
    public static string? PairPriceText(string symbol) =>
        IsPair(symbol)
        && UsdPerUnit.TryGetValue(symbol[..3], out var from)
        && UsdPerUnit.TryGetValue(symbol[3..6], out var to)
            ? Math.Round(from / to, 6, MidpointRounding.ToEven)
                .ToString(CultureInfo.InvariantCulture)
                .TrimEnd('0')
                .TrimEnd('.')
            : null;

    private static bool IsPair(string symbol) =>
        symbol.Length == 8
        && symbol.EndsWith("=X", StringComparison.Ordinal)
        && symbol[..6].All(char.IsAsciiLetterUpper);

    public static int Length(string[] values)
    {
        var length = 0;
        foreach (var segment in Segments)
        {
            length +=
                segment.Field == Field.None
                    ? segment.Literal.Length
                    : Encoding.UTF8.GetByteCount(values[(int)segment.Field]);
        }

        return length;
    }

    public static void Write(IBufferWriter<byte> writer, string[] values)
    {
        foreach (var segment in Segments)
        {
            if (segment.Field == Field.None)
            {
                writer.Write(segment.Literal);
            }
            else
            {
                Encoding.UTF8.GetBytes(values[(int)segment.Field], writer);
            }
        }
    }

    public static byte[] ToArray(string[] values)
    {
        var buffer = new ArrayBufferWriter<byte>(Length(values));
        Write(buffer, values);
        return buffer.WrittenSpan.ToArray();
    }

    // FNV-1a: stable across processes, unlike string.GetHashCode.
    internal static uint Hash(string symbol)
    {
        var hash = 2166136261u;
        foreach (var c in symbol)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    // murmur3 finaliser, so the previous close and volume do not move in step with the price.
    internal static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        return hash ^ (hash >> 16);
    }

    private static int PriceThousandths(uint hash) =>
        MinThousandths + (int)(hash % (MaxThousandths - MinThousandths + 1));

    // Within ±5 % of the price, on whole cents, as Yahoo's closes are.
    private static int PreviousThousandths(uint hash, int price)
    {
        var perMille = 1000 + (int)(Mix(hash) % 101) - 50;
        var previous = ((long)price * perMille + 5_000) / 10_000 * 10;
        return (int)Math.Max(MinThousandths, previous);
    }

    private static string FormatThousandths(int thousandths)
    {
        var whole = thousandths / 1000;
        var fraction = thousandths % 1000;
        return fraction == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction:D3}").TrimEnd('0');
    }

    private static Segment[] Parse(string template)
    {
        var compact = Minify(template);
        var segments = new List<Segment>();
        var parts = compact.Split('$');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                segments.Add(new Segment(Enum.Parse<Field>(parts[i]), []));
            }
            else if (parts[i].Length > 0)
            {
                segments.Add(new Segment(Field.None, Encoding.UTF8.GetBytes(parts[i])));
            }
        }

        return [.. segments];
    }

    // Drops the layout whitespace outside JSON strings; the template has no escaped quotes.
    private static string Minify(string json)
    {
        var builder = new StringBuilder(json.Length);
        var inString = false;
        foreach (var c in json)
        {
            if (c == '"')
            {
                inString = !inString;
            }

            if (inString || !char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private readonly record struct Segment(Field Field, byte[] Literal);
}
