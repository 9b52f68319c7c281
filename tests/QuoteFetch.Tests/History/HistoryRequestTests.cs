namespace QuoteFetch.Tests.History;

public sealed class HistoryRequestTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(HistoryRange.OneYear, "1y")]
    [InlineData(HistoryRange.YearToDate, "ytd")]
    [InlineData(HistoryRange.Max, "max")]
    public void RangeWireName_RoundTrips(HistoryRange range, string name)
    {
        Assert.Equal(name, HistoryWireNames.Of(range));
        Assert.True(HistoryWireNames.TryParseRange(name, out var parsed));
        Assert.Equal(range, parsed);
    }

    [Theory]
    [InlineData(HistoryInterval.OneMinute, "1m")]
    [InlineData(HistoryInterval.SixtyMinutes, "60m")]
    [InlineData(HistoryInterval.OneHour, "1h")]
    [InlineData(HistoryInterval.OneWeek, "1wk")]
    [InlineData(HistoryInterval.ThreeMonths, "3mo")]
    public void IntervalWireName_RoundTrips(HistoryInterval interval, string name)
    {
        Assert.Equal(name, HistoryWireNames.Of(interval));
        Assert.True(HistoryWireNames.TryParseInterval(name, out var parsed));
        Assert.Equal(interval, parsed);
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("1 y")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownWireName_IsRefused(string? name)
    {
        Assert.False(HistoryWireNames.TryParseRange(name, out _));
        Assert.False(HistoryWireNames.TryParseInterval(name, out _));
    }

    [Fact]
    public void WireNames_ListEveryValue()
    {
        Assert.Equal(Enum.GetValues<HistoryRange>().Length, HistoryWireNames.Ranges.Count);
        Assert.Equal(Enum.GetValues<HistoryInterval>().Length, HistoryWireNames.Intervals.Count);
        Assert.Equal(["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"], HistoryWireNames.Ranges);
    }

    [Fact]
    public void Range_BecomesRangeQuery()
    {
        var request = new HistoryRequest { Range = HistoryRange.OneYear };

        Assert.Equal("range=1y&interval=1d&includePrePost=false", request.ToQuery());
    }

    [Fact]
    public void Events_AreAskedForAsDivAndSplits()
    {
        var request = new HistoryRequest
        {
            Range = HistoryRange.FiveDays,
            Interval = HistoryInterval.OneHour,
            IncludeEvents = true,
        };

        Assert.Equal("range=5d&interval=1h&events=div%2Csplits&includePrePost=false", request.ToQuery());
    }

    [Fact]
    public void Dates_BecomeUtcMidnightOfStartAndOfTheDayAfterEnd()
    {
        // The recorded AAPL fixture's own window: 2020-08-31T00:00Z to 2020-11-07T00:00Z.
        var request = new HistoryRequest { Start = new DateOnly(2020, 8, 31), End = new DateOnly(2020, 11, 6) };

        Assert.Equal("period1=1598832000&period2=1604707200&interval=1d&includePrePost=false", request.ToQuery());
    }

    [Fact]
    public void StartWithoutEnd_LeavesPeriod2Out()
    {
        var request = new HistoryRequest { Start = new DateOnly(2024, 1, 1), Interval = HistoryInterval.OneWeek };

        Assert.Equal("period1=1704067200&interval=1wk&includePrePost=false", request.ToQuery());
    }

    public static TheoryData<HistoryRequest> Accepted =>
        new()
        {
            new HistoryRequest { Range = HistoryRange.Max },
            new HistoryRequest { Range = HistoryRange.TenYears, Interval = HistoryInterval.OneMonth },
            new HistoryRequest { Start = new DateOnly(1990, 1, 1) },
            new HistoryRequest { Start = Today, End = Today },
            new HistoryRequest { Range = HistoryRange.FiveDays, Interval = HistoryInterval.OneMinute },
            new HistoryRequest { Range = HistoryRange.OneMonth, Interval = HistoryInterval.FiveMinutes },
            new HistoryRequest
            {
                Start = Today.AddDays(-30),
                End = Today.AddDays(-23),
                Interval = HistoryInterval.OneMinute,
            },
            new HistoryRequest { Start = Today.AddDays(-60), Interval = HistoryInterval.NinetyMinutes },
            new HistoryRequest { Start = Today.AddDays(-60), Interval = HistoryInterval.OneHour },
        };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Validate_AcceptsWhatYahooAnswers(HistoryRequest request)
    {
        Assert.True(request.TryValidate(Today, out var problem), problem);
        Assert.Null(problem);
    }

    public static TheoryData<HistoryRequest, string> Refused =>
        new()
        {
            { new HistoryRequest(), "a history needs a range or a start date" },
            {
                new HistoryRequest { End = Today },
                "an end date needs a start date"
            },
            {
                new HistoryRequest { Range = HistoryRange.OneYear, Start = Today },
                "a history takes either a range or start and end dates, not both"
            },
            {
                new HistoryRequest { Start = new DateOnly(2024, 6, 30), End = new DateOnly(2024, 1, 1) },
                "the start date 2024-06-30 is after the end date 2024-01-01"
            },
            {
                new HistoryRequest { Start = Today.AddDays(1) },
                "the start date 2026-12-02 is after today (2026-12-01)"
            },
            {
                new HistoryRequest { Start = Today, End = DateOnly.MaxValue },
                "the end date 9999-12-31 is after today (2026-12-01)"
            },
            {
                new HistoryRequest { Range = HistoryRange.OneYear, Interval = HistoryInterval.OneMinute },
                "1m bars exist only for the last 30 days; range=1y reaches further back"
            },
            {
                new HistoryRequest { Range = HistoryRange.OneMonth, Interval = HistoryInterval.OneMinute },
                "1m bars can be asked for at most 8 days at a time; range=1mo covers 30 days"
            },
            {
                new HistoryRequest
                {
                    Start = Today.AddDays(-31),
                    End = Today.AddDays(-28),
                    Interval = HistoryInterval.OneMinute,
                },
                "1m bars exist only for the last 30 days; a start on 2026-10-31 reaches further back"
            },
            {
                new HistoryRequest
                {
                    Start = Today.AddDays(-9),
                    End = Today.AddDays(-1),
                    Interval = HistoryInterval.OneMinute,
                },
                "1m bars can be asked for at most 8 days at a time; a start on 2026-11-22 covers 9 days"
            },
            {
                new HistoryRequest { Range = HistoryRange.ThreeMonths, Interval = HistoryInterval.FiveMinutes },
                "5m bars exist only for the last 60 days; range=3mo reaches further back"
            },
            {
                new HistoryRequest { Range = HistoryRange.YearToDate, Interval = HistoryInterval.OneHour },
                "1h bars exist only for the last 60 days; range=ytd reaches further back"
            },
            {
                new HistoryRequest { Start = Today.AddDays(-61), Interval = HistoryInterval.SixtyMinutes },
                "60m bars exist only for the last 60 days; a start on 2026-10-01 reaches further back"
            },
            {
                new HistoryRequest { Range = (HistoryRange)99 },
                "the range 99 is not one Yahoo knows"
            },
            {
                new HistoryRequest { Range = HistoryRange.OneDay, Interval = (HistoryInterval)99 },
                "the interval 99 is not one Yahoo knows"
            },
        };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_RefusesWhatYahooRefuses_InPlainWords(HistoryRequest request, string expected)
    {
        Assert.False(request.TryValidate(Today, out var problem));
        Assert.Equal(expected, problem);
    }
}
