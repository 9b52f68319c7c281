using System.Text;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Responses;

/// <summary>
/// Hostile or broken answers through real sockets: each one is that symbol's error, and the healthy symbol asked
/// for alongside it is still priced.
/// </summary>
public sealed class HostileBodyTests : FakeYahooTestBase
{
    private const string Hostile = "HOSTILE";

    private async Task<QuoteError> FetchBesideAaplAsync(FakeFault fault)
    {
        Server.Options.Faults[Hostile] = fault;
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(["AAPL", Hostile]);

        Assert.Equal(220.003m, results[0].Quote?.Price);
        Assert.Equal(Hostile, results[1].Symbol);
        return results[1].Error!;
    }

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(part => part as byte[] ?? Encoding.UTF8.GetBytes((string)part))];

    private static byte[] ChartWithMeta(string meta) =>
        Bytes("""{"chart":{"result":[{"meta":{""", meta, """}}],"error":null}}""");

    [Theory]
    [InlineData("gzip", "the body is not valid gzip data (Content-Encoding: gzip)")]
    [InlineData("deflate", "the body is not valid deflate data (Content-Encoding: deflate)")]
    [InlineData("br", "the body is not valid Brotli data (Content-Encoding: br)")]
    public async Task ContentEncodingOverPlainBytes_IsBadResponseNamingTheEncoding(string encoding, string message)
    {
        var plain = ChartWithMeta(
            """
            "regularMarketPrice":1.5,"currency":"USD"
            """
        );

        var error = await FetchBesideAaplAsync(
            FakeFault.Raw(
                200,
                plain,
                "application/json",
                new Dictionary<string, string> { ["Content-Encoding"] = encoding }
            )
        );

        Assert.Equal(new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = message }, error);
    }

    [Fact]
    public async Task InvalidUtf8InExchangeName_IsBadResponseNamingTheField()
    {
        var body = Bytes(
            """{"chart":{"result":[{"meta":{"regularMarketPrice":1.5,"exchangeName":"N""",
            new byte[] { 0xFF, 0xFE },
            "\"}}],\"error\":null}}"
        );

        var error = await FetchBesideAaplAsync(FakeFault.Raw(200, body));

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = "exchangeName is not valid UTF-8" },
            error
        );
    }

    [Fact]
    public async Task MarketTimeOutsideDateTimeOffset_IsBadResponse()
    {
        var body = ChartWithMeta(
            """
            "regularMarketPrice":1.5,"regularMarketTime":1000000000000000
            """
        );

        var error = await FetchBesideAaplAsync(FakeFault.Raw(200, body));

        Assert.Equal(QuoteErrorKind.BadResponse, error.Kind);
        Assert.Contains("regularMarketTime 1000000000000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeExchangeName_IsCutToTheCap()
    {
        var body = ChartWithMeta("\"regularMarketPrice\":1.5,\"exchangeName\":\"" + new string('x', 1_900_000) + "\"");
        Server.Options.Faults[Hostile] = FakeFault.Raw(200, body);
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(["AAPL", Hostile]);

        Assert.True(results[0].IsSuccess, results[0].Error?.Message);
        Assert.Equal(new string('x', 255) + "…", results[1].Quote?.Exchange);
    }

    [Fact]
    public async Task HtmlNotFound_IsHttpAskingAboutTheBaseUrl()
    {
        var error = await FetchBesideAaplAsync(
            FakeFault.Raw(404, Encoding.UTF8.GetBytes("<html><body>Not Found</body></html>"), "text/html")
        );

        Assert.Equal(
            new QuoteError
            {
                Kind = QuoteErrorKind.Http,
                Message =
                    "HTTP 404 Not Found, and the body is not a Yahoo chart answer; is the base URL a Yahoo chart API?",
            },
            error
        );
    }

    [Fact]
    public async Task YahooNotFound_StaysNotFoundWithYahooDescription()
    {
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(["AAPL", "FB"]);

        Assert.True(results[0].IsSuccess);
        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.NotFound, Message = "No data found, symbol may be delisted" },
            results[1].Error
        );
    }

    [Fact]
    public async Task HtmlWith200_IsBadResponseNamingTheContentType()
    {
        var error = await FetchBesideAaplAsync(
            FakeFault.Raw(200, Encoding.UTF8.GetBytes("<!doctype html><p>maintenance</p>"), "text/html; charset=utf-8")
        );

        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.BadResponse, Message = "the body is text/html, not JSON" },
            error
        );
    }

    [Theory]
    [InlineData("1e-40")]
    [InlineData("123456789012345678901234567890123456789012345")]
    public async Task PriceDecimalCannotHold_IsBadResponseNotAWrongPrice(string priceText)
    {
        Server.Options.PriceTextBySymbol[Hostile] = priceText;
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(["AAPL", Hostile]);

        Assert.True(results[0].IsSuccess);
        Assert.Equal(QuoteErrorKind.BadResponse, results[1].Error?.Kind);
        Assert.Contains("regularMarketPrice " + priceText, results[1].Error?.Message, StringComparison.Ordinal);
    }
}
