using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

public sealed class QuoteClientTests : FakeYahooTestBase
{
    private static readonly IReadOnlyList<string> TutorialSymbols = FakeYahooFixtures.TutorialSymbols;

    [Fact]
    public async Task GetQuotesInOrderAsync_TutorialSymbols_PricesAllButFb()
    {
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(TutorialSymbols);

        Assert.Equal(TutorialSymbols, results.Select(result => result.Symbol));
        Assert.Equal(220.003m, results[4].Quote!.Price);
        Assert.Equal(
            decimal.Parse(
                FakeYahooServer.SyntheticPriceText("MSFT"),
                System.Globalization.CultureInfo.InvariantCulture
            ),
            results[7].Quote!.Price
        );
        Assert.All(results.Take(8), result => Assert.True(result.IsSuccess, result.Error?.Message));
        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.NotFound, Message = "No data found, symbol may be delisted" },
            results[8].Error
        );
    }

    [Fact]
    public async Task GetQuotesAsync_DifferentLatencies_YieldsInCompletionOrder()
    {
        Server.Options.LatencyBySymbol["SLOW"] = TimeSpan.FromMilliseconds(1600);
        Server.Options.LatencyBySymbol["MID"] = TimeSpan.FromMilliseconds(800);
        using var sut = CreateSut();

        var results = await ToListAsync(sut.GetQuotesAsync(["SLOW", "MID", "FAST"]));

        Assert.Equal(["FAST", "MID", "SLOW"], results.Select(result => result.Symbol));
    }

    [Fact]
    public async Task GetQuotesAsync_InvalidSymbol_YieldsInvalidWithoutRequest()
    {
        using var sut = CreateSut();

        var results = await ToListAsync(sut.GetQuotesAsync(["AAPL", "BAD/PATH", "aapl"]));

        Assert.Equal(2, results.Count);
        Assert.Equal(QuoteErrorKind.InvalidSymbol, results.Single(result => result.Symbol == "BAD/PATH").Error!.Kind);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task GetQuotesAsync_ManySymbolsLowConcurrency_ReusesAtMostThatManyConnections()
    {
        var symbols = Enumerable.Range(0, 200).Select(i => $"SYM{i}").ToArray();
        Server.Options.Latency = TimeSpan.FromMilliseconds(2);
        using var sut = CreateSut(options => options.MaxConcurrency = 4);

        var results = await ToListAsync(sut.GetQuotesAsync(symbols));

        Assert.Equal(200, results.Count);
        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.Message));
        Assert.Equal(200, Server.RequestCount);
        Assert.InRange(Server.ConnectionCount, 1, 4);
        Assert.InRange(Server.MaxConcurrentRequests, 1, 4);
    }

    [Fact]
    public async Task GetQuotesAsync_SpecialCharacters_ArriveEscapedInOnePathSegment()
    {
        using var sut = CreateSut();

        var results = await sut.GetQuotesInOrderAsync(["^GSPC", "EURUSD=X", "M&M.NS"]);

        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.Message));
        Assert.Contains("/v8/finance/chart/%5EGSPC", Server.RawTargets);
        Assert.Contains("/v8/finance/chart/EURUSD%3DX", Server.RawTargets);
        Assert.Contains("/v8/finance/chart/M%26M.NS", Server.RawTargets);
    }

    [Fact]
    public async Task GetQuotesAsync_Default_SendsBrowserLikeUserAgent()
    {
        using var sut = CreateSut();

        await sut.GetQuoteAsync("AAPL");

        Assert.StartsWith("Mozilla/5.0", Server.LastUserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQuotesAsync_UserAgentOption_IsSent()
    {
        using var sut = CreateSut(options => options.UserAgent = "my-nightly-job/1.0");

        await sut.GetQuoteAsync("AAPL");

        Assert.Equal("my-nightly-job/1.0", Server.LastUserAgent);
    }

    [Theory]
    [InlineData("0.30000000000000004")]
    [InlineData("123.455")]
    [InlineData("1.2345e-05")]
    public async Task GetQuoteAsync_PriceText_IsExactOverTheWire(string priceText)
    {
        Server.Options.PriceTextBySymbol["EXACT"] = priceText;
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync("EXACT");

        Assert.Equal(
            decimal.Parse(
                priceText,
                System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture
            ),
            result.Quote!.Price
        );
    }

    [Fact]
    public async Task GetQuotesAsync_CancelledMidBatch_EndsWithEverySymbolOnceAndTheRestCancelled()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(5);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var sut = CreateSut(options => options.MaxConcurrency = 2);
        using var cancel = new CancellationTokenSource();
        var symbols = new[] { "QUICK", "S1", "S2", "S3", "S4", "S5" };

        var results = new List<QuoteResult>();
        await foreach (var result in sut.GetQuotesAsync(symbols, cancel.Token))
        {
            results.Add(result);
            if (result.Symbol == "QUICK")
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal(symbols.Order(), results.Select(result => result.Symbol).Order());
        Assert.True(results.Single(result => result.Symbol == "QUICK").IsSuccess);
        Assert.All(
            results.Where(result => result.Symbol != "QUICK"),
            result => Assert.Equal(QuoteErrorKind.Cancelled, result.Error!.Kind)
        );
    }

    [Fact]
    public async Task GetQuotesAsync_DeadlinePasses_MarksTheRestTimeout()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(10);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var sut = CreateSut(options => options.Deadline = TimeSpan.FromMilliseconds(500));

        var results = await sut.GetQuotesInOrderAsync(["QUICK", "S1", "S2"]);

        Assert.True(results[0].IsSuccess);
        Assert.Equal(QuoteErrorKind.Timeout, results[1].Error!.Kind);
        Assert.Equal(QuoteErrorKind.Timeout, results[2].Error!.Kind);
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new QuoteClient(new QuoteClientOptions { MaxConcurrency = 0 })
        );
        Assert.Throws<ArgumentException>(() =>
            new QuoteClient(new QuoteClientOptions { BaseAddress = new Uri("ftp://x") })
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new QuoteClient(new QuoteClientOptions { Timeout = TimeSpan.FromDays(2) })
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new QuoteClient(new QuoteClientOptions { RequestsPerSecond = 1e-9 })
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new QuoteClient(new QuoteClientOptions { Deadline = TimeSpan.FromDays(365) })
        );
    }

    [Fact]
    public async Task GetQuotesAsync_Http2PriorKnowledge_MultiplexesOverOneConnection()
    {
        await using var h2 = await FakeYahooServer.StartAsync(
            new FakeYahooOptions { Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2 }
        );
        h2.Options.Latency = TimeSpan.FromMilliseconds(20);
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = h2.BaseAddress,
                HttpVersion = QuoteHttpVersion.Http2,
                MaxConcurrency = 16,
            }
        );

        var results = await sut.GetQuotesInOrderAsync(Enumerable.Range(0, 100).Select(i => $"H{i}"));

        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.Message));
        Assert.Equal(["HTTP/2"], h2.ProtocolsSeen);
        Assert.Equal(1, h2.ConnectionCount);
        Assert.True(
            h2.MaxConcurrentRequests > 1,
            $"at most {h2.MaxConcurrentRequests} requests were in flight at once"
        );
    }

    [Fact]
    public async Task GetQuotesAsync_Http11_OverPlainHttpNeverUpgrades()
    {
        using var sut = CreateSut(options => options.HttpVersion = QuoteHttpVersion.Auto);

        await sut.GetQuoteAsync("AAPL");

        Assert.Equal(["HTTP/1.1"], Server.ProtocolsSeen);
    }
}
