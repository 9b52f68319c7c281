using Microsoft.Extensions.Time.Testing;
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

    /// <summary>
    /// The batch pause scenario shared by the direct client and the one a container builds: <paramref name="sut"/> asks
    /// one symbol at a time (1 s attempt timeout, no retries) and runs every timer on <paramref name="clock"/>.
    /// </summary>
    protected async Task AssertBatchPauseWaitedOutsideAttemptTimeoutAsync(QuoteClient sut, FakeTimeProvider clock)
    {
        // A's 429 pauses the batch for 3 s, longer than one attempt may take. One at a time, so B starts only after
        // A's answer set the pause: B waits for it, before or after its attempt timeout starts.
        Server.Options.Faults["A"] = FakeFault.TooManyRequests(retryAfter: "3");
        await using var results = sut.GetQuotesAsync(["A", "B", "C"]).GetAsyncEnumerator();
        Assert.True(await results.MoveNextAsync());
        var arrived = new List<QuoteResult> { results.Current };

        clock.Advance(TimeSpan.FromSeconds(3.5)); // past the pause and its jitter (at most 0.2 s), once
        while (await results.MoveNextAsync())
        {
            arrived.Add(results.Current);
        }

        Assert.Equal(["A", "B", "C"], arrived.Select(result => result.Symbol));
        Assert.Equal(QuoteErrorKind.RateLimited, arrived[0].Error!.Kind);
        Assert.All(
            arrived.Skip(1),
            result => Assert.True(result.IsSuccess, $"{result.Symbol}: {result.Error?.Message}")
        );
    }
}
