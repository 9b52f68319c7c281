using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Output.History;

/// <summary>
/// Real history results, fetched once per test class with <see cref="QuoteClient.GetHistoryAsync"/> from the fake
/// Yahoo through a real socket, on a fixed "now" so the synthetic bars and the intraday window never move.
/// </summary>
public sealed class HistorySamples : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Daily, with events asked for: AAPL's recorded autumn 2020 (49 bars, the 4:1 split on 2020-08-31, the 0.205
    /// dividend on 2020-11-06), MSFT synthetic over three weeks (an all-null bar on 2020-10-29, a synthetic dividend
    /// and split), NONEXIST (Yahoo's 404: not-found) and IBM over a weekend (an empty history).
    /// </summary>
    public IReadOnlyList<HistoryResult> Daily { get; private set; } = [];

    /// <summary>Hourly over two days: CBA.AX in Sydney (+11:00, sessions start 23:00 UTC the day before) and MSFT in New York.</summary>
    public IReadOnlyList<HistoryResult> Intraday { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var time = new FakeTimeProvider(Now);
        var options = new FakeYahooOptions { TimeProvider = time };
        await using var server = await FakeYahooServer.StartAsync(options);
        using var client = new QuoteClient(
            new QuoteClientOptions { BaseAddress = server.BaseAddress },
            timeProvider: time
        );
        Daily =
        [
            .. await client.GetHistoryInOrderAsync(["AAPL"], Dates(2020, 8, 31, 2020, 11, 6)),
            .. await client.GetHistoryInOrderAsync(["MSFT"], Dates(2020, 10, 19, 2020, 11, 6)),
            .. await client.GetHistoryInOrderAsync(["NONEXIST"], Dates(2020, 10, 19, 2020, 11, 6)),
            .. await client.GetHistoryInOrderAsync(["IBM"], Dates(2020, 9, 5, 2020, 9, 6)),
        ];
        var hourly = new HistoryRequest
        {
            Start = new DateOnly(2026, 11, 16),
            End = new DateOnly(2026, 11, 17),
            Interval = HistoryInterval.OneHour,
        };
        Intraday = await client.GetHistoryInOrderAsync(["CBA.AX", "MSFT"], hourly);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static HistoryRequest Dates(int y1, int m1, int d1, int y2, int m2, int d2) =>
        new()
        {
            Start = new DateOnly(y1, m1, d1),
            End = new DateOnly(y2, m2, d2),
            IncludeEvents = true,
        };
}
