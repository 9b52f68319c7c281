namespace QuoteFetch.Tests.Engine;

/// <summary>
/// A caller that reads slower than the source answers holds the batch back: finished results do not pile up in
/// memory (a 5,000-symbol history to CSV grew to 190 MiB when they did).
/// </summary>
public sealed class BackPressureTests : FakeYahooTestBase
{
    private const int Concurrency = 4;

    [Fact]
    public async Task CallerNotReading_StopsNewRequests_AfterAFewResultsWait()
    {
        using var sut = CreateSut(options => options.MaxConcurrency = Concurrency);
        var symbols = Enumerable.Range(0, 200).Select(i => $"B{i:000}").ToList();
        await using var results = sut.GetQuotesAsync(symbols).GetAsyncEnumerator();

        Assert.True(await results.MoveNextAsync());
        // Then nothing is read. At most: the one read, a channel's worth waiting (Concurrency) and one finished result
        // per fetcher waiting to be handed over (Concurrency). An unbounded engine fetches all 200 within this window
        // (the fake server answers at once), so the window is an observation, not a synchronisation.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);

        Assert.InRange(Server.RequestCount, 1, 1 + (2 * Concurrency));
    }

    [Fact]
    public async Task CallerReadingSlowly_StillGetsEverySymbolOnce()
    {
        using var sut = CreateSut(options => options.MaxConcurrency = Concurrency);
        var symbols = Enumerable.Range(0, 50).Select(i => $"B{i:000}").ToList();

        var seen = new List<string>();
        await foreach (var result in sut.GetQuotesAsync(symbols))
        {
            seen.Add(result.Symbol);
            await Task.Yield();
        }

        Assert.Equal(symbols.Order(), seen.Order());
    }

    [Fact]
    public async Task CallerStoppingEarly_WhileFetchersWait_EndsTheBatch()
    {
        using var sut = CreateSut(options => options.MaxConcurrency = Concurrency);
        var symbols = Enumerable.Range(0, 100).Select(i => $"B{i:000}").ToList();

        // Take two and walk away: the fetchers blocked on a full channel must be released, or disposing hangs.
        var firstTwo = await sut.GetQuotesAsync(symbols).Take(2).ToListAsync();

        Assert.Equal(2, firstTwo.Count);
    }
}
