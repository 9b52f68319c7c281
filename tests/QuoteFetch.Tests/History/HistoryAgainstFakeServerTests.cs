namespace QuoteFetch.Tests.History;

/// <summary>
/// The request's query and the parser against the fake server's history answers, through a real socket: what the
/// engine will do once GetHistoryAsync is wired, minus the engine.
/// </summary>
public sealed class HistoryAgainstFakeServerTests : FakeYahooTestBase
{
    private async Task<HistoryBody> FetchAsync(string symbol, string query)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var response = await http.GetAsync(new Uri($"/v8/finance/chart/{symbol}?{query}", UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        return HistoryBodyParser.Parse(response.StatusCode, body);
    }

    [Fact]
    public async Task RecordedWindow_AskedByDates_IsTheRecordedHistory()
    {
        var request = new HistoryRequest
        {
            Start = new DateOnly(2020, 8, 31),
            End = new DateOnly(2020, 11, 6),
            IncludeEvents = true,
        };

        var parsed = await FetchAsync("AAPL", request.ToQuery());

        var history = Assert.IsType<PriceHistory>(parsed.History);
        Assert.Equal(49, history.Bars.Count);
        Assert.Equal(129.0399932861328m, history.Bars[0].Close);
        Assert.Equal(0.205m, Assert.Single(history.Dividends).Amount);
        Assert.Equal(4m, Assert.Single(history.Splits).Numerator);
    }

    [Fact]
    public async Task SyntheticHistory_KeepsNullBars()
    {
        var request = new HistoryRequest { Range = HistoryRange.OneYear };

        var parsed = await FetchAsync("MSFT", request.ToQuery());

        var history = Assert.IsType<PriceHistory>(parsed.History);
        Assert.True(history.Bars.Count > 200, $"{history.Bars.Count} bars");
        Assert.Contains(history.Bars, bar => bar.Close is null && bar.Volume is null);
        Assert.Contains(history.Bars, bar => bar.Close is not null);
    }

    [Fact]
    public async Task SydneyBars_FallOnWeekdaysThere()
    {
        var request = new HistoryRequest { Range = HistoryRange.ThreeMonths };

        var parsed = await FetchAsync("CBA.AX", request.ToQuery());

        var history = Assert.IsType<PriceHistory>(parsed.History);
        Assert.Equal("Australia/Sydney", history.TimeZoneName);
        Assert.NotEmpty(history.Bars);
        // Stamped the evening before in UTC, so a UTC date would put Monday's bar on Sunday.
        Assert.All(history.Bars, bar => Assert.NotEqual(DayOfWeek.Sunday, bar.Time.DayOfWeek));
        Assert.Contains(history.Bars, bar => bar.Time.UtcDateTime.Date != bar.Time.Date);
    }

    [Fact]
    public async Task StartBeforeTheSymbolExisted_IsYahoos400Description()
    {
        var request = new HistoryRequest { Start = new DateOnly(1970, 1, 2), End = new DateOnly(1970, 1, 9) };

        var parsed = await FetchAsync("MSFT", request.ToQuery());

        Assert.Equal(HistoryBodyProblem.Refused, parsed.Problem);
        Assert.Equal("Data doesn't exist for startDate = 86400, endDate = 777600", parsed.Message);
    }

    [Fact]
    public async Task IntradayYahooRefuses_IsYahoos422Description()
    {
        // Validation would refuse this before sending; sent anyway, Yahoo's 422 comes back as its description.
        var request = new HistoryRequest { Range = HistoryRange.OneYear, Interval = HistoryInterval.OneMinute };
        Assert.False(request.TryValidate(new DateOnly(2026, 12, 1), out _));

        var parsed = await FetchAsync("MSFT", request.ToQuery());

        Assert.Equal(HistoryBodyProblem.Refused, parsed.Problem);
        Assert.StartsWith("1m data not available for startTime=", parsed.Message, StringComparison.Ordinal);
    }
}
