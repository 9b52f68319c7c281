using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests;

/// <summary>History answers of the fake (period1/period2 or range), through real sockets.</summary>
public sealed class FakeYahooHistoryTests
{
    // 2024-01-01T00:00Z .. 2024-04-01T00:00Z: a quarter of daily bars.
    private const string Quarter2024 = "period1=1704067200&period2=1711929600&interval=1d";

    private static readonly DateTimeOffset Now = new(2025, 2, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task History_AaplRecordedWindow_ServesRecordedFixture()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(
            Chart("AAPL?period1=1598832000&period2=1604707200&interval=1d&events=div%7Csplit")
        );
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body);

        var result = Result(json);
        var events = result.GetProperty("events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FakeYahooFixtures.File("chart-AAPL-history-2020-08-31-to-2020-11-07.json").ToArray(), body);
        Assert.Equal(49, result.GetProperty("timestamp").GetArrayLength());
        Assert.Equal(
            "4:1",
            events.GetProperty("splits").GetProperty("1598880600").GetProperty("splitRatio").GetString()
        );
        Assert.Equal(
            "0.205",
            events.GetProperty("dividends").GetProperty("1604673000").GetProperty("amount").GetRawText()
        );
        Assert.Equal(
            "?period1=1598832000&period2=1604707200&interval=1d&events=div%7Csplit",
            server.LastQueryFor("AAPL")
        );
    }

    [Fact]
    public async Task History_AaplWeekendMinutes_ServesRecordedEmptyRange()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("AAPL?period1=1738368000&period2=1738454400&interval=1m"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            FakeYahooFixtures.File("chart-AAPL-empty-range-1m.json").ToArray(),
            await response.Content.ReadAsByteArrayAsync()
        );
    }

    [Fact]
    public async Task History_SyntheticTwice_SameBytesWithWeekdayBarsAtTheOpen()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var first = await client.GetByteArrayAsync(Chart("SYNTH?" + Quarter2024));
        var second = await client.GetByteArrayAsync(Chart("SYNTH?" + Quarter2024));
        using var json = JsonDocument.Parse(first);

        var times = Timestamps(json);
        Assert.Equal(first, second);
        Assert.InRange(times.Length, 60, 66);
        Assert.All(times, t => Assert.Equal(new TimeSpan(14, 30, 0), t.TimeOfDay));
        Assert.All(times, t => Assert.InRange(t.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday));
        Assert.Equal(times.Length, Column(json, "close").Length);
        Assert.Equal(times.Length, Adjclose(json).Length);
    }

    [Fact]
    public async Task History_Synthetic_HasAllNullBarsAndFloat32Prices()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(Chart("SYNTH?" + Quarter2024)));

        var columns = new[] { "open", "high", "low", "close", "volume" }.Select(name => Column(json, name)).ToArray();
        var nullBars = Enumerable
            .Range(0, columns[0].Length)
            .Where(i => columns.All(column => column[i].ValueKind == JsonValueKind.Null))
            .ToArray();
        var closes = Column(json, "close").Where(c => c.ValueKind == JsonValueKind.Number).ToArray();
        Assert.NotEmpty(nullBars);
        Assert.All(nullBars, i => Assert.Equal(JsonValueKind.Null, Adjclose(json)[i].ValueKind));
        Assert.All(
            closes,
            close =>
            {
                var value = double.Parse(close.GetRawText(), CultureInfo.InvariantCulture);
                Assert.Equal(value, (double)(float)value);
            }
        );
        Assert.Contains(closes, close => close.GetRawText().Length > 10);
    }

    [Fact]
    public async Task History_EventsAsked_DividendAndSplitKeyedByBarTime()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var json = JsonDocument.Parse(
            await client.GetByteArrayAsync(Chart("SYNTH?" + Quarter2024 + "&events=div,splits"))
        );

        var events = Result(json).GetProperty("events");
        var times = Result(json).GetProperty("timestamp").EnumerateArray().Select(t => t.GetInt64()).ToArray();
        var dividend = Assert.Single(events.GetProperty("dividends").EnumerateObject());
        var split = Assert.Single(events.GetProperty("splits").EnumerateObject());
        Assert.Contains(long.Parse(dividend.Name, CultureInfo.InvariantCulture), times);
        Assert.Equal(
            dividend.Name,
            dividend.Value.GetProperty("date").GetInt64().ToString(CultureInfo.InvariantCulture)
        );
        Assert.True(dividend.Value.GetProperty("amount").GetDecimal() > 0);
        Assert.Contains(long.Parse(split.Name, CultureInfo.InvariantCulture), times);
        Assert.Equal("4:1", split.Value.GetProperty("splitRatio").GetString());
        Assert.Equal(4, split.Value.GetProperty("numerator").GetInt32());
        Assert.Equal(1, split.Value.GetProperty("denominator").GetInt32());
    }

    [Fact]
    public async Task History_EventsNotAsked_NoEventsButAdjcloseBelowCloseBeforeDividend()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(Chart("SYNTH?" + Quarter2024)));

        var first = Array.FindIndex(Column(json, "close"), c => c.ValueKind == JsonValueKind.Number);
        Assert.False(Result(json).TryGetProperty("events", out _));
        Assert.True(Adjclose(json)[first].GetDecimal() < Column(json, "close")[first].GetDecimal());
    }

    [Fact]
    public async Task History_SydneyDaily_StampedAt2300UtcTheDayBefore()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(Chart("BHP.AX?" + Quarter2024)));

        var meta = Result(json).GetProperty("meta");
        var times = Timestamps(json);
        Assert.Equal("Australia/Sydney", meta.GetProperty("exchangeTimezoneName").GetString());
        Assert.Equal(39600, meta.GetProperty("gmtoffset").GetInt32());
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Equal(new TimeSpan(23, 0, 0), t.TimeOfDay));
        Assert.All(times, t => Assert.InRange(t.AddHours(11).DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday));
        Assert.Contains(times, t => t.DayOfWeek == DayOfWeek.Sunday);
    }

    [Fact]
    public async Task History_StartBeforeFirstTradeDate_Returns400WithYahooError()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("SYNTH?period1=0&period2=1711929600&interval=1d"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"chart":{"result":null,"error":{"code":"Bad Request","description":"Data doesn't exist for startDate = 0, endDate = 1711929600"}}}""",
            await response.Content.ReadAsStringAsync()
        );
    }

    [Theory]
    [InlineData("period1=1735689600&period2=1735776000")] // a day, but 40 days ago
    [InlineData("period1=1738281600&period2=1739145600")] // within 30 days, but 10 of them
    [InlineData("range=1mo")]
    public async Task History_OneMinuteBeyondWhatYahooServes_Returns422(string period)
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(Chart("SYNTH?interval=1m&" + period));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var error = json.RootElement.GetProperty("chart").GetProperty("error");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Unprocessable Entity", error.GetProperty("code").GetString());
        Assert.StartsWith("1m data not available for startTime=", error.GetProperty("description").GetString());
    }

    [Fact]
    public async Task History_TenYearsOfMax_Bounded()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(Chart("SYNTH?range=max&interval=1d")));

        Assert.InRange(Timestamps(json).Length, 2_500, 2_700);
    }

    [Fact]
    public async Task Quote_RequestWithoutPeriod_StillQuoteBody()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var aapl = await client.GetByteArrayAsync(Chart("AAPL"));
        var synthetic = await client.GetByteArrayAsync(Chart("SYNTH"));

        Assert.Equal(FakeYahooFixtures.BodyFor("AAPL").ToArray(), aapl);
        Assert.Equal(1, Result(JsonDocument.Parse(synthetic)).GetProperty("timestamp").GetArrayLength());
        Assert.Equal(string.Empty, server.LastQueryFor("SYNTH"));
    }

    [Fact]
    public async Task History_StatusFault_AppliesToHistoryToo()
    {
        await using var server = await StartAsync();
        server.Options.Faults["SYNTH"] = FakeFault.Status(503, times: 1);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var faulted = await client.GetAsync(Chart("SYNTH?" + Quarter2024));
        using var answered = await client.GetAsync(Chart("SYNTH?" + Quarter2024));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private static Task<FakeYahooServer> StartAsync() =>
        FakeYahooServer.StartAsync(new FakeYahooOptions { TimeProvider = new FakeTimeProvider(Now) });

    private static Uri Chart(string escapedSymbolAndQuery) =>
        new("/v8/finance/chart/" + escapedSymbolAndQuery, UriKind.Relative);

    private static JsonElement Result(JsonDocument json) =>
        json.RootElement.GetProperty("chart").GetProperty("result")[0];

    private static DateTime[] Timestamps(JsonDocument json) =>
        [
            .. Result(json)
                .GetProperty("timestamp")
                .EnumerateArray()
                .Select(t => DateTimeOffset.FromUnixTimeSeconds(t.GetInt64()).UtcDateTime),
        ];

    private static JsonElement[] Column(JsonDocument json, string name) =>
        [.. Result(json).GetProperty("indicators").GetProperty("quote")[0].GetProperty(name).EnumerateArray()];

    private static JsonElement[] Adjclose(JsonDocument json) =>
        [.. Result(json).GetProperty("indicators").GetProperty("adjclose")[0].GetProperty("adjclose").EnumerateArray()];
}
