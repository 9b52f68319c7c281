namespace QuoteFetch.Tests.Requests;

public sealed class ChartRequestFactoryTests
{
    [Theory]
    [InlineData("AAPL", "/v8/finance/chart/AAPL")]
    [InlineData("^GSPC", "/v8/finance/chart/%5EGSPC")]
    [InlineData("EURUSD=X", "/v8/finance/chart/EURUSD%3DX")]
    [InlineData("M&M.NS", "/v8/finance/chart/M%26M.NS")]
    [InlineData("BRK-B", "/v8/finance/chart/BRK-B")]
    public void ChartUri_Symbol_IsOneEscapedPathSegment(string symbol, string expectedPath)
    {
        var factory = new ChartRequestFactory(new Uri("https://query1.finance.yahoo.com"), QuoteHttpVersion.Auto);

        var uri = factory.ChartUri(new Symbol(symbol));

        Assert.Equal("query1.finance.yahoo.com", uri.Host);
        Assert.Equal(expectedPath, uri.AbsolutePath);
        Assert.Equal("", uri.Query);
    }

    [Fact]
    public void ChartUri_BaseAddressWithPath_KeepsThePath()
    {
        var factory = new ChartRequestFactory(new Uri("http://127.0.0.1:8080/mirror/yahoo/"), QuoteHttpVersion.Auto);

        var uri = factory.ChartUri(new Symbol("AAPL"));

        Assert.Equal("http://127.0.0.1:8080/mirror/yahoo/v8/finance/chart/AAPL", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(QuoteHttpVersion.Http11, "1.1", HttpVersionPolicy.RequestVersionExact)]
    [InlineData(QuoteHttpVersion.Http2, "2.0", HttpVersionPolicy.RequestVersionExact)]
    [InlineData(QuoteHttpVersion.Auto, "2.0", HttpVersionPolicy.RequestVersionOrLower)]
    public void Create_HttpVersion_SetsVersionAndPolicy(
        QuoteHttpVersion version,
        string expected,
        HttpVersionPolicy policy
    )
    {
        var factory = new ChartRequestFactory(new Uri("https://example.invalid"), version);

        using var request = factory.Create(new Symbol("AAPL"));

        Assert.Equal(Version.Parse(expected), request.Version);
        Assert.Equal(policy, request.VersionPolicy);
    }
}
