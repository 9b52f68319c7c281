using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

/// <summary>The fake is the ground truth of the other suites, so it is checked through real sockets like they use it.</summary>
public sealed class FakeYahooServerTests
{
    [Fact]
    public async Task Chart_FixtureSymbol_ReturnsRecordedBytes()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("AAPL?interval=1d&range=1d"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeYahooFixtures.BodyFor("AAPL").ToArray(), body);
        Assert.Contains("\"regularMarketPrice\": 220.003,", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(1, server.RequestsFor("AAPL"));
    }

    [Fact]
    public async Task Chart_RawFault_SendsStatusHeadersAndBodyVerbatim()
    {
        await using var server = await FakeYahooServer.StartAsync();
        byte[] notGzip = [0x7b, 0xff, 0xfe, 0x7d];
        server.Options.Faults["RAW"] = FakeFault.Raw(
            200,
            notGzip,
            "application/json",
            new Dictionary<string, string> { ["Content-Encoding"] = "gzip", ["X-Test"] = "1" }
        );
        server.Options.Faults["MOVED"] = FakeFault.Redirect("file:///etc/passwd");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseAddress,
        };

        using var raw = await client.GetAsync(Chart("RAW"));
        using var moved = await client.GetAsync(Chart("MOVED"));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(["gzip"], raw.Content.Headers.ContentEncoding);
        Assert.Equal(["1"], raw.Headers.GetValues("X-Test"));
        Assert.Equal(notGzip, await raw.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("file:///etc/passwd", moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Chart_DefaultUnknownSymbol_Returns404WithChartError()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("FB"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(
            """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""",
            body
        );
    }

    [Fact]
    public async Task Chart_SymbolAddedToUnknownWhileRunning_Returns404()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.UnknownSymbols.TryAdd("ZZZZ", 0);

        using var response = await client.GetAsync(Chart("ZZZZ"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Chart_SyntheticSymbol_PriceTextEqualsSyntheticPriceText()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("SYNTH.X"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var meta = Meta(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            FakeYahooServer.SyntheticPriceText("SYNTH.X"),
            meta.GetProperty("regularMarketPrice").GetRawText()
        );
        Assert.Equal(
            FakeYahooServer.SyntheticPreviousCloseText("SYNTH.X"),
            meta.GetProperty("previousClose").GetRawText()
        );
        Assert.Equal("SYNTH.X", meta.GetProperty("symbol").GetString());
        Assert.Equal("USD", meta.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("chart").GetProperty("error").ValueKind);
    }

    [Fact]
    public void SyntheticPriceText_ManySymbols_StableAndWithinRange()
    {
        var symbols = Enumerable.Range(0, 2_000).Select(i => "S" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var prices = symbols.Select(FakeYahooServer.SyntheticPriceText).ToArray();

        Assert.Equal(prices, symbols.Select(FakeYahooServer.SyntheticPriceText));
        Assert.All(
            prices,
            text =>
            {
                var price = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                Assert.InRange(price, 1.00m, 999.99m);
                Assert.Equal(price, decimal.Round(price, 3));
            }
        );
        Assert.True(prices.Distinct().Count() > 1_900, "prices should spread over the range");
    }

    [Fact]
    public async Task Chart_PriceTextOverride_ServesExactNumberText()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.PriceTextBySymbol["TINY"] = "1.2345e-05";

        using var response = await client.GetAsync(Chart("TINY"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("1.2345e-05", Meta(json).GetProperty("regularMarketPrice").GetRawText());
    }

    [Fact]
    public async Task Chart_EscapedIndexSymbol_RecordsRawTargetAndDecodedSymbol()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("%5EGSPC?range=1d"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FakeYahooFixtures.BodyFor("^GSPC").ToArray(), body);
        Assert.Equal(["/v8/finance/chart/%5EGSPC?range=1d"], server.RawTargets);
        Assert.Equal(1, server.RequestsFor("^GSPC"));
    }

    [Fact]
    public async Task Chart_Request_RecordsUserAgentAndProtocol()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("QuoteFetch/0.1");

        using var response = await client.GetAsync(Chart("MSFT"));

        Assert.Equal("QuoteFetch/0.1", server.LastUserAgent);
        Assert.Equal(["HTTP/1.1"], server.ProtocolsSeen);
    }

    [Fact]
    public async Task Chart_OtherPath_Returns404PlainText()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(new Uri("/v7/finance/quote?symbols=AAPL", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task StatusFault_TimesTwo_Gives503TwiceThen200()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["FLAKY"] = FakeFault.Status(503, times: 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(Chart("FLAKY"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            statuses
        );
        Assert.Equal(3, server.RequestsFor("FLAKY"));
    }

    [Fact]
    public async Task TooManyRequestsFault_WithRetryAfter_Returns429WithYahooBodyAndHeader()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.FaultForAll = FakeFault.TooManyRequests(retryAfter: "2");

        using var response = await client.GetAsync(Chart("AAPL"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Edge: Too Many Requests", body);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ResetConnectionFault_Request_ThrowsHttpRequestException()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["RESET"] = FakeFault.ResetConnection();

        var request = client.GetAsync(Chart("RESET"));

        await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.Equal(1, server.RequestsFor("RESET"));
    }

    [Fact]
    public async Task TruncatedBodyFault_ReadBody_FailsAfterHalfTheBody()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["AAPL"] = FakeFault.TruncatedBody();
        var fullLength = FakeYahooFixtures.BodyFor("AAPL").Length;

        using var response = await client.GetAsync(Chart("AAPL"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = 0;
        var buffer = new byte[512];
        var failure = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fullLength, response.Content.Headers.ContentLength);
        Assert.IsType<HttpIOException>(failure);
        Assert.Equal(fullLength / 2, received);
    }

    [Fact]
    public async Task HugeBodyFault_ClientBufferLimit_ClientFailsAndServerKeepsServing()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient
        {
            BaseAddress = server.BaseAddress,
            MaxResponseContentBufferSize = 256 * 1024,
        };
        server.Options.Faults["HUGE"] = FakeFault.HugeBody(64L * 1024 * 1024);

        var huge = client.GetAsync(Chart("HUGE"));

        await Assert.ThrowsAsync<HttpRequestException>(() => huge);
        using var next = await client.GetAsync(Chart("AAPL"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task BrokenJsonFault_Body_IsNotValidJson()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["AAPL"] = FakeFault.BrokenJson();

        using var response = await client.GetAsync(Chart("AAPL"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Theory]
    [InlineData(FakeFaultKind.ChartErrorWith200, HttpStatusCode.OK, "Invalid input - interval=1d is not supported")]
    [InlineData(FakeFaultKind.FormulaInError, HttpStatusCode.NotFound, "=HYPERLINK(\"http://evil.example\",\"click\")")]
    public async Task ChartErrorFaults_Body_CarriesErrorDescription(
        FakeFaultKind kind,
        HttpStatusCode status,
        string description
    )
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.FaultForAll =
            kind == FakeFaultKind.ChartErrorWith200 ? FakeFault.ChartErrorWith200() : FakeFault.FormulaInError();

        using var response = await client.GetAsync(Chart("MSFT"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var chart = json.RootElement.GetProperty("chart");
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, chart.GetProperty("result").ValueKind);
        Assert.Equal(description, chart.GetProperty("error").GetProperty("description").GetString());
    }

    [Fact]
    public async Task ShapeFaults_Bodies_HaveNullPriceEmptyResultAndMissingMeta()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["NULLP"] = FakeFault.NullPrice();
        server.Options.Faults["EMPTY"] = FakeFault.EmptyResult();
        server.Options.Faults["NOMETA"] = FakeFault.MissingMeta();

        using var nullPrice = JsonDocument.Parse(await client.GetStringAsync(Chart("NULLP")));
        using var empty = JsonDocument.Parse(await client.GetStringAsync(Chart("EMPTY")));
        using var noMeta = JsonDocument.Parse(await client.GetStringAsync(Chart("NOMETA")));

        Assert.Equal(JsonValueKind.Null, Meta(nullPrice).GetProperty("regularMarketPrice").ValueKind);
        Assert.Equal(0, empty.RootElement.GetProperty("chart").GetProperty("result").GetArrayLength());
        var onlyResult = Assert.Single(noMeta.RootElement.GetProperty("chart").GetProperty("result").EnumerateArray());
        Assert.False(onlyResult.TryGetProperty("meta", out _));
    }

    [Fact]
    public async Task MarkupInExchangeFault_Body_DecodesToControlCharacters()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["EVIL"] = FakeFault.MarkupInExchange();

        using var json = JsonDocument.Parse(await client.GetStringAsync(Chart("EVIL")));

        var meta = Meta(json);
        Assert.Equal("[red]EVIL[/]\u001b[31m\u0007X", meta.GetProperty("exchangeName").GetString());
        Assert.Contains('\u001b', meta.GetProperty("fullExchangeName").GetString()!);
        Assert.Equal(FakeYahooServer.SyntheticPriceText("EVIL"), meta.GetProperty("regularMarketPrice").GetRawText());
    }

    [Fact]
    public async Task DelayFault_ClientGivesUp_RequestIsCancelled()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromMilliseconds(200),
        };
        server.Options.Faults["SLOW"] = FakeFault.Delay(TimeSpan.FromMinutes(5));

        var slow = client.GetAsync(Chart("SLOW"));

        await Assert.ThrowsAsync<TaskCanceledException>(() => slow);
    }

    [Fact]
    public async Task StopAsync_RequestWaitingOnLatency_EndsItWithoutWaitingOut()
    {
        var server = await FakeYahooServer.StartAsync(new FakeYahooOptions { Latency = TimeSpan.FromMinutes(5) });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var waiting = client.GetAsync(Chart("WAIT"));
        for (var i = 0; i < 500 && server.RequestCount == 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        var stopwatch = Stopwatch.StartNew();
        await server.StopAsync();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => waiting);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ConnectionCount_TwentySequentialRequestsOnOneClient_IsOne()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(Chart("SEQ" + i.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(20, server.RequestCount);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, server.MaxConcurrentConnections);
    }

    [Fact]
    public async Task MaxConcurrentRequests_ParallelRequestsUnderLatency_CountsAllInFlight()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Latency = TimeSpan.FromSeconds(1);

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => client.GetAsync(Chart("PAR" + i.ToString(CultureInfo.InvariantCulture))))
        );

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(4, server.MaxConcurrentRequests);
        Assert.Equal(4, server.MaxConcurrentConnections);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ResetCounters_AfterFaultWoreOff_FaultAppliesAgain()
    {
        await using var server = await FakeYahooServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        server.Options.Faults["ONCE"] = FakeFault.Status(500, times: 1);
        (await client.GetAsync(Chart("ONCE"))).Dispose();

        server.ResetCounters();
        using var response = await client.GetAsync(Chart("ONCE"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(1, server.RequestsFor("ONCE"));
        Assert.Single(server.RawTargets);
    }

    [Fact]
    public async Task Protocols_Http2Cleartext_ServesHttp2WithPriorKnowledge()
    {
        await using var server = await FakeYahooServer.StartAsync(
            new FakeYahooOptions { Protocols = HttpProtocols.Http2 }
        );
        using var client = new HttpClient
        {
            BaseAddress = server.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync(Chart("AAPL"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("HTTP/2", server.ProtocolsSeen);
    }

    [Fact]
    public async Task UseHttps_ClientPinsServerCertificate_ServesHttp2()
    {
        await using var server = await FakeYahooServer.StartAsync(new FakeYahooOptions { UseHttps = true });
        var pinned = server.Certificate!.GetCertHash();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(pinned);
        using var client = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = server.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync(Chart("AAPL"));

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(["HTTP/2"], server.ProtocolsSeen);
    }

    private static Uri Chart(string escapedSymbolAndQuery) =>
        new("/v8/finance/chart/" + escapedSymbolAndQuery, UriKind.Relative);

    private static JsonElement Meta(JsonDocument json) =>
        json.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("meta");
}
