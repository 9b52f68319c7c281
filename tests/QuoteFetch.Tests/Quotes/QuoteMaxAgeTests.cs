using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Quotes;

/// <summary>Each quote says how long its answer may be kept (<c>Cache-Control</c>), for a cache in front of the client.</summary>
public sealed class QuoteMaxAgeTests : FakeYahooTestBase
{
    [Theory]
    [InlineData("max-age=10", 10.0)]
    [InlineData("public, max-age=60, stale-while-revalidate=5", 60.0)]
    [InlineData("no-store", 0.0)]
    [InlineData("no-cache", 0.0)]
    [InlineData("private", null)]
    [InlineData(null, null)]
    public async Task MaxAge_IsWhatTheAnswerAllowed(string? cacheControl, double? seconds)
    {
        Server.Options.Faults["AAPL"] = FakeFault.Raw(
            200,
            FakeYahooFixtures.BodyFor("AAPL"),
            headers: cacheControl is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["Cache-Control"] = cacheControl }
        );
        using var client = CreateSut();

        var result = await client.GetQuoteAsync("AAPL");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(seconds is { } value ? TimeSpan.FromSeconds(value) : null, result.Quote.MaxAge);
    }
}
