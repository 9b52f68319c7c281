using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

/// <summary>Starts one fake Yahoo server per test, so faults and counters never leak between tests.</summary>
public abstract class FakeYahooTestBase : IAsyncLifetime
{
    protected FakeYahooServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeYahooServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected QuoteClient CreateSut(Action<QuoteClientOptions>? configure = null)
    {
        var options = new QuoteClientOptions
        {
            BaseAddress = Server.BaseAddress,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        return new QuoteClient(options);
    }

    protected static async Task<List<QuoteResult>> ToListAsync(IAsyncEnumerable<QuoteResult> results)
    {
        var list = new List<QuoteResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }
        return list;
    }
}
