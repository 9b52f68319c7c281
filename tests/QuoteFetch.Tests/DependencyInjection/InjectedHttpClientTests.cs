using System.Globalization;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.DependencyInjection;

/// <summary>The constructor over a caller's <see cref="HttpClient"/>, and options copied by both constructors.</summary>
public sealed class InjectedHttpClientTests : FakeYahooTestBase
{
    private static readonly decimal MsftPrice = decimal.Parse(
        FakeYahooServer.SyntheticPriceText("MSFT"),
        CultureInfo.InvariantCulture
    );

    private QuoteClientOptions Options() =>
        new() { BaseAddress = Server.BaseAddress, RetryDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task Dispose_LeavesTheCallersHttpClientUsable()
    {
        using var http = new HttpClient();
        var sut = new QuoteClient(http, Options());
        Assert.True((await sut.GetQuoteAsync("MSFT")).IsSuccess);

        sut.Dispose();

        // A disposed HttpClient would throw ObjectDisposedException here.
        using var answer = await http.GetAsync(new Uri(Server.BaseAddress, "/v8/finance/chart/MSFT"));
        Assert.True(answer.IsSuccessStatusCode);
    }

    [Fact]
    public async Task CallersHandler_SeesEveryAttemptWithTheOptionsUserAgent()
    {
        Server.Options.Faults["MSFT"] = FakeFault.TooManyRequests(retryAfter: "0", times: 1);
        var recorder = new RecordingHandler { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(recorder);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("TheCallersDefault/1.0");
        var options = Options();
        options.UserAgent = "QuoteFetchTest/2.0";
        using var sut = new QuoteClient(http, options);

        var result = await sut.GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
        // The retry runs around the caller's client: its handler sees both attempts, each with the agent asked for.
        Assert.Equal(2, recorder.SeenFor("MSFT"));
        Assert.All(recorder.Seen, seen => Assert.Equal("QuoteFetchTest/2.0", seen.UserAgent));
    }

    [Fact]
    public async Task CallersClientBaseAddress_IsNotWhereRequestsGo()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        using var sut = new QuoteClient(http, Options());

        var result = await sut.GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
    }

    [Fact]
    public async Task InjectedConstructor_OptionsChangedAfterwards_ChangeNothing()
    {
        using var http = new HttpClient();
        var options = Options();
        using var sut = new QuoteClient(http, options);

        Spoil(options);
        var result = await sut.GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
        Assert.Equal(1, Server.RequestsFor("MSFT"));
    }

    [Fact]
    public async Task ConvenienceConstructor_OptionsChangedAfterwards_ChangeNothing()
    {
        var options = Options();
        using var sut = new QuoteClient(options);

        Spoil(options);
        var result = await sut.GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
        Assert.Equal(1, Server.RequestsFor("MSFT"));
    }

    [Fact]
    public void InjectedConstructor_BadOption_IsRefusedNamingIt()
    {
        using var http = new HttpClient();
        var options = Options();
        options.MaxConcurrency = 0;

        var ex = Assert.ThrowsAny<ArgumentException>(() => new QuoteClient(http, options));

        Assert.Equal(nameof(QuoteClientOptions.MaxConcurrency), ex.ParamName);
    }

    // Each change would show: a port nothing listens on, an agent HttpClient refuses, a pool of no connections, and a
    // deadline that has passed before the first request.
    private static void Spoil(QuoteClientOptions options)
    {
        options.BaseAddress = new Uri("http://127.0.0.1:1/");
        options.UserAgent = "bad\r\nagent";
        options.MaxConcurrency = 0;
        options.Deadline = TimeSpan.FromTicks(1);
        options.MaxRetries = -1;
    }
}
