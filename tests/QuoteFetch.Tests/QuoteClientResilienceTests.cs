using System.Diagnostics;
using System.Globalization;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

public sealed class QuoteClientResilienceTests : FakeYahooTestBase
{
    private const string Sym = "FLAKY";

    private async Task<QuoteResult> FetchWithFaultAsync(FakeFault fault, Action<QuoteClientOptions>? configure = null)
    {
        Server.Options.Faults[Sym] = fault;
        using var sut = CreateSut(configure);
        return await sut.GetQuoteAsync(Sym);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task TransientStatus_FirstTwoAttempts_IsPricedOnTheThird(int status)
    {
        var fault = status == 429 ? FakeFault.TooManyRequests(times: 2) : FakeFault.Status(status, times: 2);

        var result = await FetchWithFaultAsync(fault);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(3, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task TooManyRequests_Always_IsRateLimitedInNeutralWordsAfterEveryRetry()
    {
        var result = await FetchWithFaultAsync(FakeFault.TooManyRequests(), options => options.MaxRetries = 2);

        Assert.Equal(QuoteErrorKind.RateLimited, result.Error!.Kind);
        // The library says what happened; advice naming CLI flags is the CLI's.
        Assert.Equal("the source answered 429 Too Many Requests on all 3 attempts", result.Error.Message);
        Assert.Equal(3, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task ServerError_Always_IsHttpAfterRetriesPlusOneAttempts()
    {
        var result = await FetchWithFaultAsync(FakeFault.Status(503), options => options.MaxRetries = 3);

        Assert.Equal(QuoteErrorKind.Http, result.Error!.Kind);
        Assert.StartsWith("HTTP 503", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task RetriesZero_TransientStatus_IsNotRetried()
    {
        var result = await FetchWithFaultAsync(FakeFault.Status(500, times: 1), options => options.MaxRetries = 0);

        Assert.Equal(QuoteErrorKind.Http, result.Error!.Kind);
        Assert.Equal(1, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task NotFound_IsNeverRetried()
    {
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync("FB");

        Assert.Equal(QuoteErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal(1, Server.RequestsFor("FB"));
    }

    [Theory]
    [InlineData("broken-json", QuoteErrorKind.BadResponse, "invalid JSON")]
    [InlineData("chart-error", QuoteErrorKind.BadResponse, "Invalid input - interval=1d is not supported")]
    [InlineData("huge", QuoteErrorKind.BadResponse, "larger than")]
    [InlineData("null-price", QuoteErrorKind.BadResponse, "no regularMarketPrice")]
    [InlineData("empty-result", QuoteErrorKind.BadResponse, "no chart result")]
    [InlineData("missing-meta", QuoteErrorKind.BadResponse, "no 'meta'")]
    public async Task BadBody_IsReportedOnceAndNotRetried(string fault, QuoteErrorKind kind, string message)
    {
        var injected = fault switch
        {
            "broken-json" => FakeFault.BrokenJson(),
            "chart-error" => FakeFault.ChartErrorWith200(),
            "huge" => FakeFault.HugeBody(),
            "null-price" => FakeFault.NullPrice(),
            "empty-result" => FakeFault.EmptyResult(),
            _ => FakeFault.MissingMeta(),
        };

        var result = await FetchWithFaultAsync(injected);

        Assert.Equal(kind, result.Error!.Kind);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestsFor(Sym));
    }

    [Theory]
    [InlineData("truncated-body")]
    [InlineData("connection-reset")]
    public async Task ConnectionFailure_Once_IsPricedOnRetry(string fault)
    {
        var result = await FetchWithFaultAsync(
            fault == "truncated-body" ? FakeFault.TruncatedBody(times: 1) : FakeFault.ResetConnection(times: 1)
        );

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(2, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task TruncatedBody_Always_IsNetworkAfterEveryAttempt()
    {
        var result = await FetchWithFaultAsync(FakeFault.TruncatedBody(), options => options.MaxRetries = 2);

        Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind);
        Assert.StartsWith(
            "the connection failed while reading the body",
            result.Error.Message,
            StringComparison.Ordinal
        );
        Assert.Equal(3, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task ConnectionReset_Always_IsNetwork()
    {
        var result = await FetchWithFaultAsync(FakeFault.ResetConnection(), options => options.MaxRetries = 1);

        Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind);
        Assert.Equal(2, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task SlowerThanTimeout_IsTimeoutAfterEveryAttempt()
    {
        var result = await FetchWithFaultAsync(
            FakeFault.Delay(TimeSpan.FromSeconds(5)),
            options =>
            {
                options.Timeout = TimeSpan.FromMilliseconds(200);
                options.MaxRetries = 1;
            }
        );

        Assert.Equal(QuoteErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal("no complete answer within 0.2 s", result.Error.Message);
        Assert.Equal(2, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task SlowerThanTimeoutOnce_IsPricedOnRetry()
    {
        var result = await FetchWithFaultAsync(
            FakeFault.Delay(TimeSpan.FromSeconds(5), times: 1),
            options => options.Timeout = TimeSpan.FromMilliseconds(300)
        );

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(2, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task RetryAfterSeconds_IsWaitedFor()
    {
        var clock = Stopwatch.StartNew();

        var result = await FetchWithFaultAsync(FakeFault.TooManyRequests(retryAfter: "1", times: 1));

        Assert.True(result.IsSuccess, result.Error?.Message);
        // The retry delay is 10 ms here, so anything near a second can only come from Retry-After.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsWaitedFor()
    {
        var date = TimeProvider.System.GetUtcNow().AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        var result = await FetchWithFaultAsync(FakeFault.Status(503, times: 1, retryAfter: date));

        Assert.True(result.IsSuccess, result.Error?.Message);
        // An HTTP date has whole seconds, so "now + 2 s" is at least one second away.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ServerDown_IsNetworkForEverySymbol()
    {
        var address = Server.BaseAddress;
        await Server.StopAsync();
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = address,
                MaxRetries = 1,
                RetryDelay = TimeSpan.FromMilliseconds(10),
            }
        );

        var results = await sut.GetQuotesInOrderAsync(["AAPL", "MSFT"]);

        Assert.All(results, result => Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind));
        Assert.Contains("refused", results[0].Error!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Batch200_TenPercentFaulty_Yields200WithEveryHealthySymbolPriced()
    {
        var symbols = Enumerable.Range(0, 200).Select(i => $"B{i:000}").ToArray();
        var faults = new Func<FakeFault>[]
        {
            () => FakeFault.Status(500),
            () => FakeFault.TooManyRequests(times: 1),
            () => FakeFault.ResetConnection(),
            () => FakeFault.BrokenJson(),
            () => FakeFault.TruncatedBody(),
        };
        var faulty = symbols.Where((_, i) => i % 10 == 3).ToArray();
        for (var i = 0; i < faulty.Length; i++)
        {
            Server.Options.Faults[faulty[i]] = faults[i % faults.Length]();
        }
        using var sut = CreateSut(options => options.MaxRetries = 2);

        var results = await sut.GetQuotesInOrderAsync(symbols);

        Assert.Equal(symbols, results.Select(result => result.Symbol));
        Assert.All(
            results.Where(result => !faulty.Contains(result.Symbol)),
            result => Assert.True(result.IsSuccess, result.Error?.Message)
        );
        Assert.Equal(180 + (faulty.Length / faults.Length), results.Count(result => result.IsSuccess)); // of each five faulty, only the one 429 recovers
    }

    [Fact]
    public async Task RateLimit_FivePerSecond_SpacesAttempts()
    {
        var clock = Stopwatch.StartNew();
        using var sut = CreateSut(options => options.RequestsPerSecond = 5);

        var results = await sut.GetQuotesInOrderAsync(["R1", "R2", "R3", "R4", "R5", "R6"]);

        Assert.All(results, result => Assert.True(result.IsSuccess));
        // Six attempts at one per 200 ms need at least a second; unlimited they take a few milliseconds.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task RateLimitStorm_WithRetryAfter_EverySymbolWaitsThenRecovers()
    {
        Server.Options.FaultForAll = FakeFault.TooManyRequests(retryAfter: "1", times: 1);
        using var sut = CreateSut(options => options.MaxConcurrency = 8);
        var symbols = Enumerable.Range(0, 8).Select(i => $"P{i}").ToArray();
        var clock = Stopwatch.StartNew();

        var results = await sut.GetQuotesInOrderAsync(symbols);

        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.Message));
        Assert.Equal(16, Server.RequestCount);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Https_SelfSignedCertificate_IsRefusedNotSilentlyTrusted()
    {
        await using var https = await FakeYahooServer.StartAsync(new FakeYahooOptions { UseHttps = true });
        using var sut = new QuoteClient(new QuoteClientOptions { BaseAddress = https.BaseAddress, MaxRetries = 0 });

        var result = await sut.GetQuoteAsync("AAPL");

        Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind);
        Assert.Contains("certificate is not trusted", result.Error.Message, StringComparison.Ordinal);
    }
}
