using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.DependencyInjection;

/// <summary><c>services.AddQuoteFetch()</c> in a real generic host, against the fake server.</summary>
public sealed class AddQuoteFetchTests : FakeYahooTestBase
{
    private static readonly decimal MsftPrice = decimal.Parse(
        FakeYahooServer.SyntheticPriceText("MSFT"),
        CultureInfo.InvariantCulture
    );

    private static HostApplicationBuilder CreateBuilder(Dictionary<string, string?>? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        return builder;
    }

    [Fact]
    public async Task Host_PricesThroughTheTypedClient()
    {
        var builder = CreateBuilder();
        builder.Services.AddQuoteFetch(options => options.BaseAddress = Server.BaseAddress);
        using var host = builder.Build();
        await host.StartAsync();

        var results = await host.Services.GetRequiredService<QuoteClient>().GetQuotesInOrderAsync(["AAPL", "MSFT"]);

        Assert.Equal(220.003m, results[0].Quote?.Price);
        Assert.Equal(MsftPrice, results[1].Quote?.Price);
        await host.StopAsync();
    }

    [Fact]
    public async Task HostsHandler_SeesEveryAttempt_AndA429sRetryAfterIsWaited()
    {
        Server.Options.Faults["MSFT"] = FakeFault.TooManyRequests(retryAfter: "1", times: 1);
        var recorder = new RecordingHandler();
        var builder = CreateBuilder();
        builder
            .Services.AddQuoteFetch(options =>
            {
                options.BaseAddress = Server.BaseAddress;
                options.RetryDelay = TimeSpan.FromMilliseconds(10);
            })
            .AddHttpMessageHandler(() => recorder);
        using var host = builder.Build();
        var sut = host.Services.GetRequiredService<QuoteClient>();
        var clock = Stopwatch.StartNew();

        var result = await sut.GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
        Assert.Equal(2, recorder.SeenFor("MSFT"));
        // The retry delay is 10 ms here, so anything near a second can only come from Retry-After.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task BatchPause_IsWaitedOutsideTheAttemptTimeout()
    {
        // Every timer of the client runs on this clock: the pause, the attempt timeout and the body timeout.
        var clock = new FakeTimeProvider();
        var builder = CreateBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddQuoteFetch(options =>
        {
            options.BaseAddress = Server.BaseAddress;
            options.MaxConcurrency = 1;
            options.Timeout = TimeSpan.FromSeconds(1);
            options.MaxRetries = 0;
        });
        using var host = builder.Build();
        var sut = host.Services.GetRequiredService<QuoteClient>();
        await AssertBatchPauseWaitedOutsideAttemptTimeoutAsync(sut, clock);
    }

    [Fact]
    public async Task ClientsOfOneContainer_ShareOnePause()
    {
        var clock = new FakeTimeProvider();
        var builder = CreateBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddQuoteFetch(options =>
        {
            options.BaseAddress = Server.BaseAddress;
            options.MaxRetries = 0;
        });
        using var host = builder.Build();
        var first = host.Services.GetRequiredService<QuoteClient>();
        var second = host.Services.GetRequiredService<QuoteClient>();
        Server.Options.Faults["A"] = FakeFault.TooManyRequests(retryAfter: "3");

        Assert.Equal(QuoteErrorKind.RateLimited, (await first.GetQuoteAsync("A")).Error?.Kind);

        // The second client is another object over another HttpClient, and the pause the first one met is its pause.
        Assert.NotSame(first, second);
        Assert.Equal(TimeSpan.FromSeconds(3), host.Services.GetRequiredService<SourceThrottle>().Gate.PauseRemaining);
    }

    [Fact]
    public async Task ConfigurationSection_IsBound_AndCodeHasTheLastWord()
    {
        var builder = CreateBuilder(
            new()
            {
                ["QuoteFetch:BaseAddress"] = Server.BaseAddress.ToString(),
                ["QuoteFetch:MaxRetries"] = "7",
                ["QuoteFetch:Timeout"] = "00:00:03",
                ["QuoteFetch:RequestsPerSecond"] = "50",
                ["QuoteFetch:HttpVersion"] = "Http11",
                ["QuoteFetch:UserAgent"] = "FromConfiguration/1.0",
            }
        );
        builder.Services.AddQuoteFetch(options => options.UserAgent = "FromCode/1.0");
        using var host = builder.Build();
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<QuoteClientOptions>>().Value;
        var result = await host.Services.GetRequiredService<QuoteClient>().GetQuoteAsync("MSFT");

        Assert.Equal(Server.BaseAddress, options.BaseAddress);
        Assert.Equal(7, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(50, options.RequestsPerSecond);
        Assert.Equal(QuoteHttpVersion.Http11, options.HttpVersion);
        Assert.Equal("FromCode/1.0", options.UserAgent);
        Assert.Equal(MsftPrice, result.Quote?.Price);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("MaxConcurrency", "0", "QuoteFetch:MaxConcurrency: MaxConcurrency must be between 1 and 10000.")]
    [InlineData("Timeout", "2.00:00:00", "QuoteFetch:Timeout: Timeout must be between 0.01 s and 86400 s.")]
    [InlineData("BaseAddress", "ftp://example.com", "QuoteFetch:BaseAddress: The base address")]
    [InlineData("MaxConcurrency", "many", "'QuoteFetch:MaxConcurrency'")]
    [InlineData("MaxConcurency", "4", "'MaxConcurency'")]
    public async Task BadSetting_StopsTheHostsStartNamingTheKey(string key, string value, string expected)
    {
        var builder = CreateBuilder(new() { ["QuoteFetch:" + key] = value });
        builder.Services.AddQuoteFetch();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_IsNotFollowedByTheFactorysClient()
    {
        // The target would answer with a price: following it would turn this symbol into a success.
        Server.Options.Faults["MSFT"] = FakeFault.Redirect(
            new Uri(Server.BaseAddress, "/v8/finance/chart/AAPL").ToString()
        );
        var builder = CreateBuilder();
        builder.Services.AddQuoteFetch(options => options.BaseAddress = Server.BaseAddress);
        using var host = builder.Build();

        var result = await host.Services.GetRequiredService<QuoteClient>().GetQuoteAsync("MSFT");

        Assert.Equal(QuoteErrorKind.Http, result.Error?.Kind);
        Assert.Contains("redirects are not followed", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestsFor("AAPL"));
    }

    [Fact]
    public void FactorysClient_HasNoTimeoutOfItsOwn()
    {
        var builder = CreateBuilder();
        builder.Services.AddQuoteFetch();
        using var host = builder.Build();

        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(QuoteClient));

        // The client's timeouts are per attempt; the factory's 100 s would cut across retries and pauses.
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    [Fact]
    public async Task ContainerWithoutConfiguration_Prices()
    {
        var services = new ServiceCollection();
        services.AddQuoteFetch(options => options.BaseAddress = Server.BaseAddress);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<QuoteClient>().GetQuoteAsync("MSFT");

        Assert.Equal(MsftPrice, result.Quote?.Price);
    }
}
