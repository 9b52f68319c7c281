using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace QuoteFetch.Tests.Responses;

// Bodies a hostile or broken server sends: every one ends as a result with a precise message, never an exception.
public sealed partial class ChartResponseReaderTests
{
    private static Task<QuoteResult> ReadBytesAsync(
        byte[] body,
        HttpStatusCode status = HttpStatusCode.OK,
        string? mediaType = "application/json"
    )
    {
        var content = new ByteArrayContent(body);
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }
        var response = new HttpResponseMessage(status) { Content = content };
        return ChartResponseReader.ReadAsync("TEST", response).AsTask();
    }

    // '¤' in the text stands for the byte 0xFF, which is never valid in UTF-8.
    private static byte[] WithInvalidByte(string json) =>
        [.. json.Split('¤').Select(Encoding.UTF8.GetBytes).Aggregate((a, b) => [.. a, 0xFF, .. b])];

    private static string Meta(string fields) =>
        "{\"chart\":{\"result\":[{\"meta\":{" + fields + "}}],\"error\":null}}";

    private static Task<QuoteResult> ReadMetaAsync(string fields) => ReadAsync(Meta(fields));

    private static Task<QuoteResult> ReadExchangeAsync(string exchangeJsonText) =>
        ReadMetaAsync("\"regularMarketPrice\":1.5,\"exchangeName\":\"" + exchangeJsonText + "\"");

    [Theory]
    [InlineData("exchangeName")]
    [InlineData("currency")]
    [InlineData("symbol")]
    [InlineData("instrumentType")]
    public async Task ReadAsync_InvalidUtf8InAStringField_IsBadResponseNamingIt(string field)
    {
        var body = WithInvalidByte(
            Meta(
                $$"""
                "regularMarketPrice":1.5,"{{field}}":"A¤B"
                """
            )
        );

        var result = await ReadBytesAsync(body);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = $"{field} is not valid UTF-8" },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8BetweenEscapes_IsBadResponse()
    {
        var body = WithInvalidByte(
            Meta(
                """
                "regularMarketPrice":1.5,"exchangeName":"\u0041¤\n"
                """
            )
        );

        var result = await ReadBytesAsync(body);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = "exchangeName is not valid UTF-8" },
            result.Error
        );
    }

    [Theory]
    [InlineData("""\ud800""")]
    [InlineData("""\ud800x""")]
    [InlineData("""\ude00\ud83d""")]
    [InlineData("""\ud83d\u0041""")]
    public async Task ReadAsync_UnpairedSurrogateEscape_IsBadResponse(string exchange)
    {
        var result = await ReadExchangeAsync(exchange);

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.BadResponse,
                Message = "exchangeName has an unpaired surrogate escape",
            },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InYahooErrorWith200_IsBadResponse()
    {
        var body = WithInvalidByte("""{"chart":{"result":null,"error":{"code":"Bad ¤","description":"x"}}}""");

        var result = await ReadBytesAsync(body);

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.BadResponse,
                Message = "Yahoo reported an error whose text is not valid UTF-8",
            },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InYahooNotFoundDescription_IsNotFoundWithAPlainMessage()
    {
        var body = WithInvalidByte("""{"chart":{"result":null,"error":{"code":"Not Found","description":"No ¤"}}}""");

        var result = await ReadBytesAsync(body, HttpStatusCode.NotFound);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.NotFound, Message = "Yahoo does not know this symbol (HTTP 404)" },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_StringOfExactlyTheCap_IsKeptWhole()
    {
        var exchange = new string('x', 256);

        var result = await ReadExchangeAsync(exchange);

        Assert.Equal(exchange, result.Quote!.Exchange);
    }

    [Theory]
    [InlineData(257)]
    [InlineData(1_900_000)]
    public async Task ReadAsync_StringOverTheCap_IsCutAndMarked(int length)
    {
        var result = await ReadExchangeAsync(new string('x', length));

        Assert.Equal(new string('x', 255) + "…", result.Quote!.Exchange);
    }

    [Fact]
    public async Task ReadAsync_EscapedStringOverTheCap_IsCutAndMarked()
    {
        var escaped = string.Concat(Enumerable.Repeat("""\u00e9""", 300_000));

        var result = await ReadExchangeAsync(escaped);

        Assert.Equal(new string('é', 255) + "…", result.Quote!.Exchange);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("""\ud83d\ude00""")]
    public async Task ReadAsync_CutAtASurrogatePair_KeepsNoHalfOfIt(string smiley)
    {
        var result = await ReadExchangeAsync(new string('a', 254) + smiley + "bbbb");

        Assert.Equal(new string('a', 254) + "…", result.Quote!.Exchange);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("""\ud83d\ude00""")]
    public async Task ReadAsync_SurrogatePairJustInsideTheCap_IsKept(string smiley)
    {
        var result = await ReadExchangeAsync(new string('a', 253) + smiley + "bbbb");

        Assert.Equal(new string('a', 253) + "😀…", result.Quote!.Exchange);
    }

    [Theory]
    [InlineData("x", 256)]
    [InlineData("x", 300)]
    [InlineData("""\u0078""", 256)]
    [InlineData("""\u0078""", 300)]
    public async Task ReadAsync_InvalidUtf8PastTheCap_IsNeverDecoded(string unit, int count)
    {
        var body = WithInvalidByte(
            Meta(
                "\"regularMarketPrice\":1.5,\"exchangeName\":\"" + string.Concat(Enumerable.Repeat(unit, count)) + "¤\""
            )
        );

        var result = await ReadBytesAsync(body);

        Assert.Equal(new string('x', 255) + "…", result.Quote!.Exchange);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("""\u0078""")]
    public void Parse_HugeString_AllocatesOnlyWhatItKeeps(string unit)
    {
        var body = Encoding.UTF8.GetBytes(
            Meta(
                "\"regularMarketPrice\":1.5,\"exchangeName\":\""
                    + string.Concat(Enumerable.Repeat(unit, 1_900_000 / unit.Length))
                    + "\""
            )
        );
        ChartBodyParser.Parse(body); // JIT and first-use allocations stay out of the measurement

        // The least of three: the parse allocates the same each time, while the runtime (tiering, on-stack
        // replacement of the long decode loop) may add to one of them under load.
        var allocated = Enumerable
            .Range(0, 3)
            .Min(_ =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                ChartBodyParser.Parse(body);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            });

        Assert.Equal(256, ChartBodyParser.Parse(body).Exchange?.Length);
        Assert.InRange(allocated, 0, 4 * 1024);
    }

    [Fact]
    public async Task ReadAsync_HugeNotFoundDescription_IsCut()
    {
        var body =
            "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\""
            + new string('d', 500_000)
            + "\"}}}";

        var result = await ReadAsync(body, HttpStatusCode.NotFound);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.NotFound, Message = new string('d', 255) + "…" },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_HugeReasonPhrase_IsCut()
    {
        var response = new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            ReasonPhrase = new string('r', 100_000),
            Content = new ByteArrayContent([]),
        };

        var result = await ChartResponseReader.ReadAsync("TEST", response);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.Http, Message = "HTTP 500 " + new string('r', 255) + "…" },
            result.Error
        );
    }

    [Theory]
    [InlineData("1e-40")]
    [InlineData("1e-29")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("123456789012345678901234567890123456789012345")]
    [InlineData("7922816251426433759354395033.55")]
    [InlineData("0.1000000000000000000000000000000000000001")]
    [InlineData("1e30")]
    [InlineData("-1e-40")]
    public async Task ReadAsync_PriceDecimalCannotHoldExactly_IsBadResponse(string priceText)
    {
        var result = await ReadAsync(WithPrice(priceText));

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.BadResponse,
                Message = $"regularMarketPrice {priceText} cannot be held exactly as a decimal",
            },
            result.Error
        );
    }

    [Theory]
    [InlineData("-37.63", "-37.63")]
    [InlineData("1E+2", "100")]
    [InlineData("1.0e2", "100")]
    [InlineData("100.000000000000000000000000000000000000", "100")]
    [InlineData("1e-28", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-0", "0")]
    [InlineData("0e-999", "0")]
    [InlineData("12345678901234567890.12345678", "12345678901234567890.12345678")]
    [InlineData("0.000012345000", "0.000012345")]
    public async Task ReadAsync_PriceDecimalHoldsExactly_IsThatPrice(string priceText, string expected)
    {
        var result = await ReadAsync(WithPrice(priceText));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Quote.Price);
    }

    [Fact]
    public async Task ReadAsync_PreviousCloseDecimalCannotHold_IsLeftOutAndThePriceStays()
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"previousClose\":1e-40");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Quote.PreviousClose);
    }

    [Fact]
    public async Task ReadAsync_ChartPreviousCloseDecimalCannotHold_IsLeftOut()
    {
        var result = await ReadMetaAsync(
            "\"regularMarketPrice\":1.5,\"chartPreviousClose\":123456789012345678901234567890123456789012345"
        );

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Quote.PreviousClose);
    }

    [Theory]
    [InlineData("1742824293.5")]
    [InlineData("1742824293.999")]
    [InlineData("1.7428242935e9")]
    public async Task ReadAsync_FractionalMarketTime_IsRoundedDownToTheSecond(string timeText)
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"regularMarketTime\":" + timeText);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1742824293), result.Quote!.MarketTime);
    }

    [Fact]
    public async Task ReadAsync_LastSecondOfYear9999_IsAValidMarketTime()
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"regularMarketTime\":253402300799");

        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-(TimeSpan.TicksPerSecond - 1)), result.Quote!.MarketTime);
    }

    [Theory]
    [InlineData("1000000000000000")]
    [InlineData("-1000000000000000")]
    [InlineData("253402300800")]
    [InlineData("1e30")]
    [InlineData("99999999999999999999")]
    public async Task ReadAsync_MarketTimeOutsideDateTimeOffset_IsBadResponse(string timeText)
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"regularMarketTime\":" + timeText);

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.BadResponse,
                Message = $"regularMarketTime {timeText} is not a time between the years 1 and 9999",
            },
            result.Error
        );
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-1")]
    [InlineData("29")]
    [InlineData("1e3")]
    [InlineData("2.5")]
    [InlineData("99999999999999999999")]
    public async Task ReadAsync_PriceHintOutOfRange_IsIgnored(string hintText)
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"priceHint\":" + hintText);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Null(result.Quote.PriceHint);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("28", 28)]
    public async Task ReadAsync_PriceHintInRange_IsKept(string hintText, int expected)
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"priceHint\":" + hintText);

        Assert.Equal(expected, result.Quote!.PriceHint);
    }

    [Theory]
    [InlineData(
        """
            "regularMarketPrice":1,"regularMarketPrice":2
            """,
        "regularMarketPrice"
    )]
    [InlineData(
        """
            "regularMarketPrice":1,"regularMarket\u0050rice":2
            """,
        "regularMarketPrice"
    )]
    [InlineData(
        """
            "regularMarketPrice":1,"currency":"USD","currency":"EUR"
            """,
        "currency"
    )]
    [InlineData(
        """
            "regularMarketPrice":1,"previousClose":null,"previousClose":3
            """,
        "previousClose"
    )]
    public async Task ReadAsync_FieldTwiceInMeta_IsBadResponse(string fields, string name)
    {
        var result = await ReadMetaAsync(fields);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = $"meta has '{name}' twice" },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_FieldTwiceInChartError_IsBadResponse()
    {
        var result = await ReadAsync(
            """{"chart":{"result":null,"error":{"code":"Not Found","description":"a","description":"b"}}}"""
        );

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = "chart.error has 'description' twice" },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_UnreadFieldTwice_IsIgnored()
    {
        var result = await ReadMetaAsync("\"regularMarketPrice\":1.5,\"scale\":3,\"scale\":4");

        Assert.Equal(1.5m, result.Quote!.Price);
    }

    [Theory]
    [InlineData("<html><body>404</body></html>", "text/html")]
    [InlineData("""{"chart":{"result":[{"meta":{"regularMarketPrice":1}}],"error":null}}""", "application/json")]
    [InlineData("""{"detail":"Not Found"}""", "application/json")]
    [InlineData("", null)]
    public async Task ReadAsync_NotFoundWithoutYahooError_IsHttp(string body, string? mediaType)
    {
        var result = await ReadBytesAsync(Encoding.UTF8.GetBytes(body), HttpStatusCode.NotFound, mediaType);

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.Http,
                Message =
                    "HTTP 404 Not Found, and the body is not a Yahoo chart answer; is the base URL a Yahoo chart API?",
            },
            result.Error
        );
    }

    [Fact]
    public async Task ReadAsync_NotFoundWithAnotherYahooError_IsHttpWithIt()
    {
        var result = await ReadAsync(
            """{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input"}}}""",
            HttpStatusCode.NotFound
        );

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.Http,
                Message = "HTTP 404 Not Found, Yahoo reported an error: Bad Request: Invalid input",
            },
            result.Error
        );
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task ReadAsync_NonJsonBodyWith200_IsBadResponseNamingTheContentType(string mediaType)
    {
        var result = await ReadBytesAsync(Encoding.UTF8.GetBytes("<p>maintenance</p>"), mediaType: mediaType);

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = $"the body is {mediaType}, not JSON" },
            result.Error
        );
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/vnd.yahoo+json")]
    public async Task ReadAsync_ChartBodyUnderAnyContentType_IsPriced(string? mediaType)
    {
        var result = await ReadBytesAsync(Encoding.UTF8.GetBytes(WithPrice("1.5")), mediaType: mediaType);

        Assert.Equal(1.5m, result.Quote!.Price);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task ReadAsync_BrokenJsonDeclaredAsJson_IsInvalidJson(string? mediaType)
    {
        var result = await ReadBytesAsync(Encoding.UTF8.GetBytes("{\"chart\":"), mediaType: mediaType);

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.StartsWith("invalid JSON (", result.Error.Message, StringComparison.Ordinal);
    }
}
