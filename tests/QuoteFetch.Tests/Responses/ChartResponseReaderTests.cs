using System.Net;
using System.Text;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Responses;

public sealed partial class ChartResponseReaderTests
{
    private static Task<QuoteResult> ReadAsync(
        string body,
        HttpStatusCode status = HttpStatusCode.OK,
        string symbol = "TEST"
    )
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return ChartResponseReader.ReadAsync(symbol, response).AsTask();
    }

    private static Task<QuoteResult> ReadFixtureAsync(string symbol) =>
        ReadAsync(Encoding.UTF8.GetString(FakeYahooFixtures.BodyFor(symbol).Span), symbol: symbol);

    private static string WithPrice(string priceText) =>
        $$$"""{"chart":{"result":[{"meta":{"currency":"USD","symbol":"TEST","regularMarketPrice":{{{priceText}}},"priceHint":2}}],"error":null}}""";

    [Fact]
    public async Task ReadAsync_RecordedAaplBody_YieldsEveryField()
    {
        var result = await ReadFixtureAsync("AAPL");

        var quote = Assert.IsType<Quote>(result.Quote);
        Assert.Equal(220.003m, quote.Price);
        Assert.Equal("USD", quote.Currency);
        Assert.Equal("NMS", quote.Exchange);
        Assert.Equal("EQUITY", quote.InstrumentType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1742824293), quote.MarketTime);
        Assert.Equal(167.3m, quote.PreviousClose);
        Assert.Equal(2, quote.PriceHint);
    }

    [Theory]
    [InlineData("QQQ", "ETF", "NGM")]
    [InlineData("0P000071W8.TO", "MUTUALFUND", null)]
    [InlineData("^GSPC", "INDEX", "SNP")]
    [InlineData("EURUSD=X", "CURRENCY", "CCY")]
    [InlineData("BTC-USD", "CRYPTOCURRENCY", "CCC")]
    [InlineData("OCDO.L", "EQUITY", null)]
    [InlineData("WSU.DE", "EQUITY", null)]
    [InlineData("GC=F", "FUTURE", null)]
    public async Task ReadAsync_RecordedBodies_AreAllPriced(string symbol, string instrumentType, string? exchange)
    {
        var result = await ReadFixtureAsync(symbol);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(instrumentType, result.Quote.InstrumentType);
        Assert.True(result.Quote.Price > 0);
        if (exchange is not null)
        {
            Assert.Equal(exchange, result.Quote.Exchange);
        }
    }

    [Fact]
    public async Task ReadAsync_CurrencyPair_CarriesPriceHintFour()
    {
        var result = await ReadFixtureAsync("EURUSD=X");

        Assert.Equal(1.0436m, result.Quote!.Price);
        Assert.Equal(4, result.Quote.PriceHint);
    }

    [Fact]
    public async Task ReadAsync_LondonListing_KeepsPenceCurrency()
    {
        var result = await ReadFixtureAsync("OCDO.L");

        Assert.Equal("GBp", result.Quote!.Currency);
    }

    [Theory]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("123.455", "123.455")]
    [InlineData("1.2345e-05", "0.000012345")]
    [InlineData("1.2345E-5", "0.000012345")]
    [InlineData("5085.06", "5085.06")]
    [InlineData("99999999.99999999", "99999999.99999999")]
    public async Task ReadAsync_PriceText_IsParsedExactly(string priceText, string expected)
    {
        var result = await ReadAsync(WithPrice(priceText));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Quote!.Price);
    }

    [Fact]
    public async Task ReadAsync_NotFoundBody_CarriesYahooDescription()
    {
        var body = Encoding.UTF8.GetString(FakeYahooFixtures.NotFoundBody.Span);

        var result = await ReadAsync(body, HttpStatusCode.NotFound);

        Assert.Equal(QuoteErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal("No data found, symbol may be delisted", result.Error.Message);
    }

    [Theory]
    [InlineData("""{"chart":{"result":null,"error":null}}""", "no chart result")]
    [InlineData("""{"chart":{"result":[],"error":null}}""", "no chart result")]
    [InlineData("""{"chart":{"result":[{}],"error":null}}""", "no 'meta'")]
    [InlineData(
        """{"chart":{"result":[{"meta":{"regularMarketPrice":null}}],"error":null}}""",
        "no regularMarketPrice"
    )]
    [InlineData("""{"other":1}""", "no 'chart'")]
    [InlineData("""{"chart":{"result":[{"meta":{"regularMarketPrice":12""", "invalid JSON")]
    [InlineData("""{"chart":{"result":[{"meta":{"regularMarketPrice":"12.5"}}]}}""", "invalid JSON")]
    [InlineData(
        """{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input"}}}""",
        "Bad Request: Invalid input"
    )]
    public async Task ReadAsync_UnusableBody_IsBadResponse(string body, string reason)
    {
        var result = await ReadAsync(body);

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NotFoundCodeWithStatus200_IsNotFound()
    {
        var result = await ReadAsync("""{"chart":{"result":null,"error":{"code":"Not Found","description":"gone"}}}""");

        Assert.Equal(new QuoteError { Kind = QuoteErrorKind.NotFound, Message = "gone" }, result.Error);
    }

    [Theory]
    [InlineData("""{"chart":{"result":[{"meta":null}],"error":{"code":"Not Found","description":"gone"}}}""")]
    [InlineData("""{"chart":{"result":[{"meta":[1,2]}],"error":{"code":"Not Found","description":"gone"}}}""")]
    [InlineData("""{"chart":{"result":7,"error":{"code":"Not Found","description":"gone"}}}""")]
    public async Task ReadAsync_NonObjectWhereAnObjectBelongs_StillReadsTheErrorAfterIt(string body)
    {
        var result = await ReadAsync(body);

        Assert.Equal(new QuoteError { Kind = QuoteErrorKind.NotFound, Message = "gone" }, result.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, QuoteErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, QuoteErrorKind.Http)]
    [InlineData(HttpStatusCode.Unauthorized, QuoteErrorKind.Http)]
    public async Task ReadAsync_ErrorStatus_MapsToKind(HttpStatusCode status, QuoteErrorKind kind)
    {
        var result = await ReadAsync("Edge: Too Many Requests", status);

        Assert.Equal(kind, result.Error!.Kind);
    }

    [Fact]
    public async Task ReadAsync_BodyOverTheCap_IsBadResponseWithoutReadingItAll()
    {
        var huge = "{\"chart\":{\"result\":[{\"meta\":{\"x\":\"" + new string('a', 3 * 1024 * 1024) + "\"}}]}}";

        var result = await ReadAsync(huge);

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.Contains("larger than", result.Error.Message, StringComparison.Ordinal);
    }

    // A stream that hides its length, as a chunked response does, and hands out small pieces.
    private sealed class ChunkedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, 1000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }

    private static Task<QuoteResult> ReadChunkedAsync(string body)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new ChunkedStream(Encoding.UTF8.GetBytes(body))),
        };
        return ChartResponseReader.ReadAsync("TEST", response).AsTask();
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyLargerThanTheFirstBuffer_IsReadWhole()
    {
        var padding = new string('x', 100 * 1024);
        var body =
            $$$"""{"chart":{"result":[{"meta":{"padding":"{{{padding}}}","regularMarketPrice":42.125}}],"error":null}}""";

        var result = await ReadChunkedAsync(body);

        Assert.Equal(42.125m, result.Quote!.Price);
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyOverTheCap_IsBadResponse()
    {
        var padding = new string('x', 3 * 1024 * 1024);
        var body = $$$"""{"chart":{"result":[{"meta":{"padding":"{{{padding}}}","regularMarketPrice":1}}]}}""";

        var result = await ReadChunkedAsync(body);

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.Contains("larger than", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HistoryBody_IsPricedFromMeta()
    {
        var body = File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "chart-AAPL-history-2020-08-31-to-2020-11-07.json")
        );

        var result = await ReadAsync(body, symbol: "AAPL");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("AAPL", result.Quote.Symbol);
    }

    [Theory]
    [InlineData("""{"chart":{"error":null,"result":[{"meta":{"regularMarketPrice":1.5}}]}}""")]
    [InlineData("""{"other":{"chart":1},"chart":{"result":[null,{"meta":{}}],"error":null}}""")]
    [InlineData(
        """{"chart":{"result":[{"timestamp":[1,2],"indicators":{"quote":[{}]},"meta":{"regularMarketPrice":1.5}}]}}"""
    )]
    public async Task ReadAsync_FieldsInAnyOrder_AreFound(string body)
    {
        var result = await ReadAsync(body);

        if (body.Contains("null,{", StringComparison.Ordinal))
        {
            Assert.Equal("the chart result has no 'meta'", result.Error!.Message);
        }
        else
        {
            Assert.Equal(1.5m, result.Quote!.Price);
        }
    }
}
