using System.Text;
using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.History;

/// <summary>GetHistoryAsync on the batch engine, through real sockets to the fake server.</summary>
public sealed class HistoryClientTests : FakeYahooTestBase
{
    private static readonly HistoryRequest OneMonth = new() { Range = HistoryRange.OneMonth };

    private static async Task<List<HistoryResult>> ToListAsync(IAsyncEnumerable<HistoryResult> results)
    {
        var list = new List<HistoryResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }
        return list;
    }

    [Fact]
    public async Task RecordedWindow_ByDates_WithEvents_IsTheRecordedHistory()
    {
        using var sut = CreateSut();
        var request = new HistoryRequest
        {
            Start = new DateOnly(2020, 8, 31),
            End = new DateOnly(2020, 11, 6),
            IncludeEvents = true,
        };

        var result = Assert.Single(await sut.GetHistoryInOrderAsync(["aapl"], request));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("AAPL", result.Symbol);
        Assert.Equal(49, result.History.Bars.Count);
        Assert.Equal(0.205m, Assert.Single(result.History.Dividends).Amount);
        var split = Assert.Single(result.History.Splits);
        Assert.Equal((4m, 1m), (split.Numerator, split.Denominator));
        var query = Server.LastQueryFor("AAPL");
        Assert.NotNull(query);
        Assert.Contains("period1=", query, StringComparison.Ordinal);
        Assert.Contains("period2=", query, StringComparison.Ordinal);
        Assert.Contains("interval=1d", query, StringComparison.Ordinal);
        Assert.Contains("events=div", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoHundredSymbols_TwoUnknown_EverySymbolOnce()
    {
        Server.Options.UnknownSymbols.TryAdd("NOPE1", 0);
        Server.Options.UnknownSymbols.TryAdd("NOPE2", 0);
        var symbols = Enumerable.Range(0, 198).Select(i => $"S{i}").Concat(["NOPE1", "NOPE2"]).ToArray();
        using var sut = CreateSut(options => options.MaxConcurrency = 16);

        var results = await ToListAsync(sut.GetHistoryAsync(symbols, OneMonth));

        Assert.Equal(symbols.Order(), results.Select(result => result.Symbol).Order());
        Assert.Equal(
            ["NOPE1", "NOPE2"],
            results.Where(result => !result.IsSuccess).Select(result => result.Symbol).Order()
        );
        Assert.All(
            results.Where(result => !result.IsSuccess),
            result => Assert.Equal(QuoteErrorKind.NotFound, result.Error!.Kind)
        );
        Assert.All(results.Where(result => result.IsSuccess), result => Assert.NotEmpty(result.History!.Bars));
    }

    [Fact]
    public async Task RequestYahooWouldRefuse_ThrowsBeforeSending()
    {
        using var sut = CreateSut();
        var request = new HistoryRequest { Range = HistoryRange.OneYear, Interval = HistoryInterval.OneMinute };

        var streamed = await Assert.ThrowsAsync<ArgumentException>(() =>
            ToListAsync(sut.GetHistoryAsync(["AAPL", "MSFT"], request))
        );
        await Assert.ThrowsAsync<ArgumentException>(() => sut.GetHistoryInOrderAsync(["AAPL"], request));

        Assert.False(
            request.TryValidate(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime), out var problem)
        );
        Assert.Equal(problem, streamed.Message);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task TodayComesFromTheClientsTimeProvider()
    {
        // On 2020-09-01 an end of 2020-11-06 is in the future, whatever the machine's clock says.
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 9, 1, 12, 0, 0, TimeSpan.Zero));
        using var sut = new QuoteClient(
            new QuoteClientOptions { BaseAddress = Server.BaseAddress },
            timeProvider: clock
        );
        var request = new HistoryRequest { Start = new DateOnly(2020, 8, 31), End = new DateOnly(2020, 11, 6) };

        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => sut.GetHistoryInOrderAsync(["AAPL"], request));

        Assert.False(request.TryValidate(new DateOnly(2020, 9, 1), out var problem));
        Assert.Equal(problem, thrown.Message);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task StartBeforeTheSymbolExisted_IsThatSymbolsErrorWithYahoosDescription()
    {
        using var sut = CreateSut();
        var request = new HistoryRequest { Start = new DateOnly(1970, 1, 2), End = new DateOnly(1970, 1, 9) };

        var result = Assert.Single(await sut.GetHistoryInOrderAsync(["MSFT"], request));

        Assert.False(result.IsSuccess);
        Assert.Equal(QuoteErrorKind.Http, result.Error.Kind);
        Assert.Contains(
            "Data doesn't exist for startDate = 86400, endDate = 777600",
            result.Error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Yahoo400ForOneSymbol_OthersFine()
    {
        var body = Encoding.UTF8.GetBytes(
            """{"chart":{"result":null,"error":{"code":"Bad Request","description":"Data doesn't exist for startDate = 1, endDate = 2"}}}"""
        );
        Server.Options.Faults["BAD"] = FakeFault.Raw(400, body);
        using var sut = CreateSut();

        var results = await sut.GetHistoryInOrderAsync(["AAPL", "BAD", "MSFT"], OneMonth);

        Assert.True(results[0].IsSuccess, results[0].Error?.Message);
        Assert.True(results[2].IsSuccess, results[2].Error?.Message);
        Assert.Equal(QuoteErrorKind.Http, results[1].Error!.Kind);
        Assert.Contains(
            "Data doesn't exist for startDate = 1, endDate = 2",
            results[1].Error!.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task MalformedBody_IsBadResponse()
    {
        Server.Options.Faults["BAD"] = FakeFault.BrokenJson();
        using var sut = CreateSut();

        var result = Assert.Single(await sut.GetHistoryInOrderAsync(["BAD"], OneMonth));

        Assert.Equal(QuoteErrorKind.BadResponse, result.Error!.Kind);
    }

    [Fact]
    public async Task BodyOverTheCap_IsBadResponse_OthersFine()
    {
        Server.Options.Faults["HUGE"] = FakeFault.HugeBody();
        using var sut = CreateSut();

        var results = await sut.GetHistoryInOrderAsync(["HUGE", "AAPL"], OneMonth);

        Assert.Equal(QuoteErrorKind.BadResponse, results[0].Error!.Kind);
        Assert.Contains("larger than 2048 KiB", results[0].Error!.Message, StringComparison.Ordinal);
        Assert.True(results[1].IsSuccess, results[1].Error?.Message);
    }

    [Fact]
    public async Task Cancelled_OpenSymbolsAreCancelled()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(5);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var sut = CreateSut(options => options.MaxConcurrency = 2);
        using var cancel = new CancellationTokenSource();
        var symbols = new[] { "QUICK", "S1", "S2", "S3", "S4" };

        var results = new List<HistoryResult>();
        await foreach (var result in sut.GetHistoryAsync(symbols, OneMonth, cancel.Token))
        {
            results.Add(result);
            if (result.Symbol == "QUICK")
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal(symbols.Order(), results.Select(result => result.Symbol).Order());
        Assert.True(results.Single(result => result.Symbol == "QUICK").IsSuccess);
        Assert.All(
            results.Where(result => result.Symbol != "QUICK"),
            result => Assert.Equal(QuoteErrorKind.Cancelled, result.Error!.Kind)
        );
    }

    [Fact]
    public async Task ServerErrorOnce_IsRetriedLikeQuotes()
    {
        Server.Options.Faults["FLAKY"] = FakeFault.Status(500, times: 1);
        using var sut = CreateSut(options => options.MaxRetries = 2);

        var results = await sut.GetHistoryInOrderAsync(["FLAKY", "AAPL"], OneMonth);

        Assert.True(results[0].IsSuccess, results[0].Error?.Message);
        Assert.True(results[1].IsSuccess, results[1].Error?.Message);
        Assert.Equal(2, Server.RequestsFor("FLAKY"));
    }

    [Fact]
    public async Task ServerErrorAlways_IsHttpAfterRetries()
    {
        Server.Options.Faults["DOWN"] = FakeFault.Status(500);
        using var sut = CreateSut(options => options.MaxRetries = 2);

        var result = Assert.Single(await sut.GetHistoryInOrderAsync(["DOWN"], OneMonth));

        Assert.Equal(QuoteErrorKind.Http, result.Error!.Kind);
        Assert.Equal(3, Server.RequestsFor("DOWN"));
    }
}
