using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

/// <summary>Issue 8's review of main: a source that goes down mid-run, huge Retry-After values, plain messages.</summary>
public sealed class QuoteClientReviewTests : FakeYahooTestBase
{
    private const string Sym = "EVIL";

    // A hung client would otherwise hang the test run; this turns a hang into a failed assertion.
    private static CancellationTokenSource Watchdog() => new(TimeSpan.FromSeconds(20), TimeProvider.System);

    [Theory]
    [InlineData("Mozilla/5.0 (Café)", "U+00E9")]
    [InlineData("x\u2028y", "U+2028")]
    public void Validate_UserAgentOutsidePrintableAscii_IsRefusedNamingTheCharacter(string userAgent, string code)
    {
        var options = new QuoteClientOptions { UserAgent = userAgent };

        var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(nameof(QuoteClientOptions.UserAgent), ex.ParamName);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimeSpanOutOfRange_NamesTheRangeInSeconds()
    {
        var options = new QuoteClientOptions { Timeout = TimeSpan.FromMilliseconds(1) };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Contains("between 0.01 s and 86400 s", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999")]
    public async Task RetryAfter_DigitsBeyondAnyParser_AreBeyondTheCapAndNamed(string retryAfter)
    {
        Server.Options.Faults[Sym] = FakeFault.TooManyRequests(retryAfter: retryAfter);
        using var sut = CreateSut(options => options.MaxRetries = 3);
        using var watchdog = Watchdog();

        var result = (await sut.GetQuotesInOrderAsync([Sym], watchdog.Token))[0];

        Assert.Equal(QuoteErrorKind.RateLimited, result.Error!.Kind);
        Assert.Contains($"asked to wait {retryAfter} s", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestsFor(Sym));
    }

    [Fact]
    public async Task SourceStoppedMidRun_StopsEarlyAndReportsEverySymbolOnce()
    {
        var symbols = Enumerable.Range(0, 1000).Select(i => $"M{i:0000}").ToArray();
        using var sut = CreateSut(options => options.MaxRetries = 3);
        using var watchdog = Watchdog();
        var arrived = new List<QuoteResult>();
        Task? stopped = null;

        await foreach (var result in sut.GetQuotesAsync(symbols, watchdog.Token))
        {
            arrived.Add(result);
            if (arrived.Count == 50)
            {
                stopped = Server.StopAsync();
            }
        }
        await stopped!;

        Assert.Equal(symbols.Order(), arrived.Select(result => result.Symbol).Order());
        Assert.All(arrived.Take(50), result => Assert.True(result.IsSuccess, result.Error?.Message));
        var notSent = arrived.Count(result =>
            result.Error is { Kind: QuoteErrorKind.Network } error
            && error.Message.StartsWith("not sent: the source was unreachable: ", StringComparison.Ordinal)
        );
        var failedAfterTheStop = arrived.Count(result => !result.IsSuccess) - notSent;
        // Kestrel still answers on open connections while it stops (each answer restarts the count, and how many it
        // gives depends on the machine's load); then N (here 8) symbols fail to connect in a row and the rest is not
        // sent. A few dozen failures at most, not every symbol left, each after 4 attempts.
        Assert.InRange(failedAfterTheStop, 8, 50);
        Assert.True(notSent > 0, "the batch went on to the end");
        Assert.All(
            arrived,
            result =>
                Assert.True(result.IsSuccess || result.Error!.Kind == QuoteErrorKind.Network, result.Error?.Message)
        );
        Assert.NotNull(sut.UnreachableReason);
    }

    [Fact]
    public async Task OneSymbolWhoseConnectionsFail_OneAtATime_DoesNotStopTheOthers()
    {
        // With one request at a time a single bad symbol is "every connection so far": it must not end the batch.
        Server.Options.Faults[Sym] = FakeFault.ResetConnection();
        using var sut = CreateSut(options =>
        {
            options.MaxRetries = 0;
            options.MaxConcurrency = 1;
        });
        using var watchdog = Watchdog();

        var results = await sut.GetQuotesInOrderAsync([Sym, "AAPL", "MSFT"], watchdog.Token);

        Assert.Equal(QuoteErrorKind.Network, results[0].Error!.Kind);
        Assert.True(results[1].IsSuccess, results[1].Error?.Message);
        Assert.True(results[2].IsSuccess, results[2].Error?.Message);
        Assert.Null(sut.UnreachableReason);
    }

    [Fact]
    public async Task EveryConnectionResetBeforeAnswering_IsUnreachable()
    {
        Server.Options.FaultForAll = FakeFault.ResetConnection();
        var symbols = Enumerable.Range(0, 150).Select(i => $"R{i:000}").ToArray();
        using var sut = CreateSut(options =>
        {
            options.MaxRetries = 3;
            options.MaxConcurrency = 4;
        });
        using var watchdog = Watchdog();

        var results = await sut.GetQuotesInOrderAsync(symbols, watchdog.Token);

        Assert.Equal(symbols, results.Select(result => result.Symbol));
        Assert.All(results, result => Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind));
        // Four in flight, stopped after four failed symbols (four attempts each): not 150 × 4 attempts.
        Assert.InRange(Server.RequestCount, 4, 40);
        Assert.NotNull(sut.UnreachableReason);
    }

    [Fact]
    public void AnAnswerBetweenConnectionFailures_ResetsTheCount()
    {
        // Which symbol completes first is the network's choice, so the count itself is pinned here, without sockets.
        using var run = new CancellationTokenSource();
        var batch = new Batch(3, run, deadlineAt: null);

        batch.ConnectionFailed("first");
        batch.ConnectionFailed("second");
        batch.Answered();
        batch.ConnectionFailed("third");
        batch.ConnectionFailed("fourth");
        Assert.False(run.IsCancellationRequested);
        Assert.Null(batch.UnreachableReason);

        batch.ConnectionFailed("fifth");
        Assert.True(run.IsCancellationRequested);
        Assert.Equal("third", batch.UnreachableReason);
    }

    [Fact]
    public async Task ConnectionReset_MessageAndRetryLineArePlainWords()
    {
        Server.Options.Faults[Sym] = FakeFault.ResetConnection();
        var log = new RecordingLogger();
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = Server.BaseAddress,
                RetryDelay = TimeSpan.FromMilliseconds(10),
                MaxRetries = 1,
            },
            log
        );

        var result = await sut.GetQuoteAsync(Sym);

        Assert.Equal(QuoteErrorKind.Network, result.Error!.Kind);
        Assert.Matches(
            "^(the server closed the connection before answering|connection reset by peer)$",
            result.Error.Message
        );
        var retry = Assert.Single(log.Messages, line => line.StartsWith("Retrying", StringComparison.Ordinal));
        Assert.Matches(
            @"after (the server closed the connection before answering|connection reset by peer), waiting",
            retry
        );
    }

    [Fact]
    public async Task UntrustedTls_MessageIsPlain()
    {
        await using var https = await FakeYahooServer.StartAsync(new FakeYahooOptions { UseHttps = true });
        using var sut = new QuoteClient(new QuoteClientOptions { BaseAddress = https.BaseAddress, MaxRetries = 0 });

        var result = await sut.GetQuoteAsync("AAPL");

        Assert.Equal("the server's certificate is not trusted (UntrustedRoot)", result.Error!.Message);
    }

    [Fact]
    public async Task NotHttpAtAll_MessageIsPlain()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeGarbageAsync(listener);
        using var sut = new QuoteClient(
            new QuoteClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}"), MaxRetries = 0 }
        );

        var result = await sut.GetQuoteAsync(Sym);
        await serving;

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.StartsWith("the answer is not valid HTTP (", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(InvalidResponse)", result.Error.Message, StringComparison.Ordinal);
    }

    private static async Task ServeGarbageAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n\r\n"u8.ToArray());
        await stream.FlushAsync();
    }

    [Fact]
    public void Http11Required_MessageIsPlain()
    {
        var exception = new HttpRequestException(
            HttpRequestError.HttpProtocolError,
            "The HTTP/2 server reset the stream. HTTP/2 error code 'HTTP_1_1_REQUIRED' (0xd).",
            new HttpProtocolException(
                0xd,
                "The HTTP/2 server reset the stream. HTTP/2 error code 'HTTP_1_1_REQUIRED' (0xd).",
                null
            )
        );

        var (kind, message) = FailureClassifier.Classify(exception, TimeSpan.FromSeconds(10));

        Assert.Equal(QuoteErrorKind.Http, kind);
        Assert.Equal("the server refused HTTP/2 (HTTP_1_1_REQUIRED)", message);
    }

    [Fact]
    public void SendingFailed_WithAnInnerReason_IsJustTheReason()
    {
        var exception = new HttpRequestException(
            "An error occurred while sending the request.",
            new IOException("Unable to write data to the transport connection: Broken pipe.")
        );

        var (_, message) = FailureClassifier.Classify(exception, TimeSpan.FromSeconds(10));

        Assert.Equal("Unable to write data to the transport connection: Broken pipe", message);
    }

    [Fact]
    public async Task EmptyBody_Says_TheBodyIsEmpty()
    {
        Server.Options.Faults[Sym] = FakeFault.Raw(200, ReadOnlyMemory<byte>.Empty);
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync(Sym);

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
        Assert.Equal("the body is empty", result.Error.Message);
    }

    [Fact]
    public async Task BodyStartingWithAUtf8Bom_IsParsed()
    {
        byte[] body =
        [
            0xEF,
            0xBB,
            0xBF,
            .. """{"chart":{"result":[{"meta":{"currency":"USD","regularMarketPrice":1.5}}],"error":null}}"""u8,
        ];
        Server.Options.Faults[Sym] = FakeFault.Raw(200, body);
        using var sut = CreateSut();

        var result = await sut.GetQuoteAsync(Sym);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(1.5m, result.Quote!.Price);
    }

    [Theory]
    [InlineData(0, "the source answered 429 Too Many Requests")]
    [InlineData(2, "the source answered 429 Too Many Requests on all 3 attempts")]
    public async Task TooManyRequests_MessageSaysHowManyAttempts(int retries, string message)
    {
        Server.Options.Faults[Sym] = FakeFault.TooManyRequests();
        using var sut = CreateSut(options => options.MaxRetries = retries);

        var result = await sut.GetQuoteAsync(Sym);

        Assert.Equal(QuoteErrorKind.RateLimited, result.Error!.Kind);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public async Task PauseAfterA503_LogNamesTheRetryAfter()
    {
        Server.Options.Faults[Sym] = FakeFault.Status(503, times: 1, retryAfter: "1");
        var log = new RecordingLogger();
        using var sut = new QuoteClient(
            new QuoteClientOptions { BaseAddress = Server.BaseAddress, RetryDelay = TimeSpan.FromMilliseconds(10) },
            log
        );

        var result = await sut.GetQuoteAsync(Sym);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Contains(log.Messages, line => line.Contains("(HTTP 503, Retry-After 1 s)", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, line => line.Contains("in a row", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyStalledMidWay_IsRetriedAfterTheAttemptTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var serving = ServeStalledThenWholeAsync(listener, stop.Token);
        using var sut = new QuoteClient(
            new QuoteClientOptions
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromMilliseconds(500),
                RetryDelay = TimeSpan.FromMilliseconds(10),
                MaxRetries = 1,
            }
        );

        var result = await sut.GetQuoteAsync(Sym);

        Assert.True(result.IsSuccess, result.Error?.Message);
        await stop.CancelAsync();
        await serving;
    }

    // The first connection gets the headers and half the body, then nothing; the second gets the whole answer.
    private static async Task ServeStalledThenWholeAsync(TcpListener listener, CancellationToken stop)
    {
        var body =
            """{"chart":{"result":[{"meta":{"currency":"USD","regularMarketPrice":1.5}}],"error":null}}"""u8.ToArray();
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"
        );
        using var stalled = await listener.AcceptTcpClientAsync(stop);
        var first = stalled.GetStream();
        _ = await first.ReadAsync(new byte[4096], stop);
        await first.WriteAsync(head, stop);
        await first.WriteAsync(body.AsMemory(0, body.Length / 2), stop);
        using var whole = await listener.AcceptTcpClientAsync(stop);
        var second = whole.GetStream();
        _ = await second.ReadAsync(new byte[4096], stop);
        await second.WriteAsync(head, stop);
        await second.WriteAsync(body, stop);
        await second.FlushAsync(stop);
        try
        {
            _ = await second.ReadAsync(new byte[1], stop); // until the client closes or the test ends
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client has its answer; the connections close here.
        }
    }
}
