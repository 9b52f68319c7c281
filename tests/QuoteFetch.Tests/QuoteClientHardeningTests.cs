using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

/// <summary>Issue 8: no answer can end the batch, every wait is bounded, every request stays on the chart path.</summary>
public sealed class QuoteClientHardeningTests : FakeYahooTestBase
{
    private const string Sym = "EVIL";

    private static readonly QuoteErrorKind[] SymbolFailureKinds =
    [
        QuoteErrorKind.BadResponse,
        QuoteErrorKind.Network,
        QuoteErrorKind.Http,
        QuoteErrorKind.RateLimited,
    ];

    // A hung client would otherwise hang the test run; this turns a hang into a failed assertion.
    private static CancellationTokenSource Watchdog() => new(TimeSpan.FromSeconds(20), TimeProvider.System);

    // A 429 whose Retry-After is refused: rate limited after the one request, with no retry.
    private async Task<QuoteError> RateLimitedAtOnceAsync(string retryAfter, Action<QuoteClientOptions> configure)
    {
        Server.Options.Faults[Sym] = FakeFault.TooManyRequests(retryAfter: retryAfter);
        using var sut = CreateSut(configure);
        using var watchdog = Watchdog();

        var result = (await sut.GetQuotesInOrderAsync([Sym], watchdog.Token))[0];

        Assert.Equal(QuoteErrorKind.RateLimited, result.Error!.Kind);
        Assert.Equal(1, Server.RequestsFor(Sym));
        return result.Error;
    }

    private static byte[] Chart(string meta) =>
        Encoding.UTF8.GetBytes("""{"chart":{"result":[{"meta":{""" + meta + """}}],"error":null}}""");

    private static FakeFault Hostile(string name) =>
        name switch
        {
            "gzip" or "deflate" or "br" => FakeFault.Raw(
                200,
                Chart("\"currency\":\"USD\",\"regularMarketPrice\":1.5"),
                headers: new Dictionary<string, string> { ["Content-Encoding"] = name }
            ),
            "utf8-exchange" => FakeFault.Raw(200, InvalidUtf8InExchange()),
            "market-time" => FakeFault.Raw(
                200,
                Chart("\"currency\":\"USD\",\"regularMarketPrice\":1.5,\"regularMarketTime\":1000000000000000")
            ),
            "retry-after-2100" => FakeFault.TooManyRequests(retryAfter: "Fri, 01 Jan 2100 00:00:00 GMT"),
            _ => FakeFault.Redirect(name),
        };

    private static byte[] InvalidUtf8InExchange() =>
        [
            .. """{"chart":{"result":[{"meta":{"currency":"USD","regularMarketPrice":1.5,"exchangeName":"N"""u8,
            0xFF,
            0xFE,
            .. "\"}}],\"error\":null}}"u8,
        ];

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("utf8-exchange")]
    [InlineData("market-time")]
    [InlineData("retry-after-2100")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/plain,hello")]
    [InlineData("unix:/var/run/docker.sock")]
    [InlineData("file:///etc/passwd")]
    [InlineData("file://localhost/x")]
    public async Task HostileAnswer_ForOneSymbol_IsThatSymbolsErrorAndTheOthersArePriced(string hostile)
    {
        Server.Options.Faults[Sym] = Hostile(hostile);
        using var sut = CreateSut(options => options.MaxRetries = 1);
        using var watchdog = Watchdog();

        var results = await sut.GetQuotesInOrderAsync(["AAPL", Sym, "MSFT"], watchdog.Token);

        Assert.Equal(["AAPL", Sym, "MSFT"], results.Select(result => result.Symbol));
        Assert.True(results[0].IsSuccess, results[0].Error?.Message);
        Assert.True(results[2].IsSuccess, results[2].Error?.Message);
        Assert.Contains(results[1].Error!.Kind, SymbolFailureKinds);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheCap_IsRateLimitedAtOnceNamingTheWait()
    {
        var error = await RateLimitedAtOnceAsync("3600", options => options.MaxRetries = 3);

        Assert.Contains("3600 s (Retry-After)", error.Message, StringComparison.Ordinal);
        Assert.Contains("30 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_HttpDateIn2100_IsRateLimitedNotACrash()
    {
        var error = await RateLimitedAtOnceAsync("Fri, 01 Jan 2100 00:00:00 GMT", options => options.MaxRetries = 3);

        Assert.Contains("(Retry-After)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_WithinTheCapButPastTheDeadline_IsRateLimitedAtOnce()
    {
        var error = await RateLimitedAtOnceAsync("20", options => options.Deadline = TimeSpan.FromSeconds(5));

        Assert.Contains("20 s (Retry-After)", error.Message, StringComparison.Ordinal);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_WithinASmallerCap_IsStillWaitedFor()
    {
        Server.Options.Faults[Sym] = FakeFault.TooManyRequests(retryAfter: "1", times: 1);
        using var sut = CreateSut(options => options.MaxRetryAfter = TimeSpan.FromSeconds(2));

        var result = await sut.GetQuoteAsync(Sym);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(2, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task BatchPause_IsWaitedOutsideTheAttemptTimeout()
    {
        // Every timer of the client runs on this clock: the pause, the attempt timeout and the body timeout.
        var clock = new FakeTimeProvider();
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = Server.BaseAddress,
                MaxConcurrency = 1,
                Timeout = TimeSpan.FromSeconds(1),
                MaxRetries = 0,
            },
            timeProvider: clock
        );
        await AssertBatchPauseWaitedOutsideAttemptTimeoutAsync(sut, clock);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    public async Task OnlyDots_IsInvalidAndNothingIsSent(string symbol)
    {
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync(symbol);

        Assert.Equal(QuoteErrorKind.InvalidSymbol, result.Error!.Kind);
        Assert.Equal(0, Server.ConnectionCount);
    }

    [Fact]
    public async Task OnlyDots_UnderABasePathPrefix_IsInvalidAndNothingIsSent()
    {
        using var sut = CreateSut(options => options.BaseAddress = new Uri(Server.BaseAddress, "/mirror/"));

        var results = await sut.GetQuotesInOrderAsync([".", ".."]);

        Assert.All(results, result => Assert.Equal(QuoteErrorKind.InvalidSymbol, result.Error!.Kind));
        Assert.Equal(0, Server.ConnectionCount);
    }

    [Theory]
    [InlineData("other-port")]
    [InlineData("ftp-other-port")]
    [InlineData("same-origin-elsewhere")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/plain,hello")]
    [InlineData("unix:/var/run/docker.sock")]
    [InlineData("file:///etc/passwd")]
    [InlineData("file://localhost/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Redirect_IsNotFollowedAndIsAnHttpErrorNamingTheStatus(string target)
    {
        await using var other = await FakeYahooServer.StartAsync();
        var location = target switch
        {
            "other-port" => new Uri(other.BaseAddress, "/v8/finance/chart/" + Sym).ToString(),
            "ftp-other-port" => $"ftp://127.0.0.1:{other.BaseAddress.Port}/",
            "same-origin-elsewhere" => new Uri(Server.BaseAddress, "/admin").ToString(),
            _ => target,
        };
        Server.Options.Faults[Sym] = FakeFault.Redirect(location);
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync(Sym);

        Assert.Equal(QuoteErrorKind.Http, result.Error!.Kind);
        Assert.Contains("302", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.ConnectionCount);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task Redirect_LocationInTheMessage_IsCutAndHasNoControlCharacters()
    {
        Server.Options.Faults[Sym] = FakeFault.Redirect("http://x/" + new string('a', 5000) + "\u001b[31m");
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync(Sym);

        Assert.True(result.Error!.Message.Length < 300, result.Error.Message);
        Assert.DoesNotContain('\u001b', result.Error.Message);
    }

    [Fact]
    public async Task ClosedPort_ManySymbols_StopsEarlyAndReportsEverySymbol()
    {
        var address = ClosedPortAddress();
        var symbols = Enumerable.Range(0, 150).Select(i => $"U{i:000}").ToArray();
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = address,
                MaxRetries = 0,
                MaxConcurrency = 4,
            }
        );
        using var watchdog = Watchdog();

        var results = await sut.GetQuotesInOrderAsync(symbols, watchdog.Token);

        Assert.Equal(symbols, results.Select(result => result.Symbol));
        Assert.All(results, result => Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind));
        Assert.True(
            results.Count(result => result.Error!.Message.StartsWith("not sent", StringComparison.Ordinal)) >= 140
        );
        Assert.Contains("refused", sut.UnreachableReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UntrustedTls_ManySymbols_IsNotRetriedAndStopsEarly()
    {
        await using var https = await FakeYahooServer.StartAsync(new FakeYahooOptions { UseHttps = true });
        var symbols = Enumerable.Range(0, 150).Select(i => $"T{i:000}").ToArray();
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = https.BaseAddress,
                MaxRetries = 3,
                MaxConcurrency = 4,
            }
        );
        using var watchdog = Watchdog();

        var results = await sut.GetQuotesInOrderAsync(symbols, watchdog.Token);

        Assert.Equal(symbols, results.Select(result => result.Symbol));
        Assert.All(results, result => Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind));
        // Four in flight, stopped after the first four failures: a few handshakes, not 150 × 4 attempts.
        Assert.InRange(https.ConnectionCount, 1, 12);
        Assert.Contains("certificate", sut.UnreachableReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UntrustedTls_MessageNamesTheCertificateProblem()
    {
        await using var https = await FakeYahooServer.StartAsync(new FakeYahooOptions { UseHttps = true });
        using var sut = new QuoteClient(new QuoteClientOptions { BaseAddress = https.BaseAddress, MaxRetries = 0 });

        var result = await sut.GetQuoteAsync("AAPL");

        Assert.Contains("certificate", result.Error!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("inner exception", result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectionReset_MessageNamesWhatHappened()
    {
        Server.Options.Faults[Sym] = FakeFault.ResetConnection();
        using var sut = CreateSut(options => options.MaxRetries = 0);

        var result = await sut.GetQuoteAsync(Sym);

        Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind);
        Assert.NotEqual("An error occurred while sending the request.", result.Error.Message);
        Assert.Matches("(?i)reset|ended|closed", result.Error.Message);
    }

    [Fact]
    public async Task ReachableSource_WithFailures_IsNotUnreachable()
    {
        Server.Options.FaultForAll = FakeFault.Status(500);
        using var sut = CreateSut(options => options.MaxRetries = 0);

        var results = await sut.GetQuotesInOrderAsync(Enumerable.Range(0, 40).Select(i => $"S{i}"));

        Assert.All(results, result => Assert.Equal(QuoteErrorKind.Http, result.Error!.Kind));
        Assert.Null(sut.UnreachableReason);
        Assert.Equal(40, Server.RequestCount);
    }

    [Fact]
    public async Task Cancelled_MessageDoesNotRepeatTheKind()
    {
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync("AAPL", new CancellationToken(canceled: true));

        Assert.Equal(QuoteErrorKind.Cancelled, result.Error!.Kind);
        Assert.DoesNotContain("cancelled", result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("x\r\nX-Injected: 1")]
    [InlineData("x\nY")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void Validate_UserAgentWithControlCharacters_IsRefused(string userAgent)
    {
        var options = new QuoteClientOptions { UserAgent = userAgent };

        var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(nameof(QuoteClientOptions.UserAgent), ex.ParamName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099/?region=US")]
    [InlineData("http://127.0.0.1:5099/#x")]
    [InlineData("http://user:hunter2@127.0.0.1:5099/")]
    [InlineData("https://user:hunter2@example.test/?q=1#f")]
    [InlineData("ftp://user:hunter2@127.0.0.1/")]
    public void Validate_BaseAddressWithQueryFragmentOrUserInfo_IsRefusedWithoutThePassword(string address)
    {
        var options = new QuoteClientOptions { BaseAddress = new Uri(address) };

        var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(nameof(QuoteClientOptions.BaseAddress), ex.ParamName);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void Validate_MaxRetryAfterOutOfRange_IsRefused(int seconds)
    {
        var options = new QuoteClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(seconds) };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(QuoteClientOptions.MaxRetryAfter), ex.ParamName);
    }

    private static Uri ClosedPortAddress()
    {
        // A port that was free a moment ago and has nobody listening: connections to it are refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
