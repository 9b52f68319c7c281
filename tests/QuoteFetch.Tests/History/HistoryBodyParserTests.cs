using System.Net;
using System.Text;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.History;

public sealed class HistoryBodyParserTests
{
    private static PriceHistory ParseOk(string body) => ParseOk(Encoding.UTF8.GetBytes(body));

    private static PriceHistory ParseOk(ReadOnlySpan<byte> body)
    {
        var parsed = HistoryBodyParser.Parse(HttpStatusCode.OK, body);
        Assert.Equal(HistoryBodyProblem.None, parsed.Problem);
        Assert.Null(parsed.Message);
        return Assert.IsType<PriceHistory>(parsed.History);
    }

    private static string ParseBad(string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var parsed = HistoryBodyParser.Parse(status, Encoding.UTF8.GetBytes(body));
        Assert.Equal(HistoryBodyProblem.BadBody, parsed.Problem);
        Assert.Null(parsed.History);
        return Assert.IsType<string>(parsed.Message);
    }

    // One result with the given meta extras, timestamps and quote columns (raw JSON text of each array).
    private static string Chart(
        string timestamps,
        string open,
        string close,
        string volume,
        string meta = "\"exchangeTimezoneName\":\"America/New_York\",\"gmtoffset\":-18000",
        string adjclose = "",
        string events = ""
    ) =>
        "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"TEST\",\"exchangeName\":\"NMS\",\"priceHint\":2,"
        + meta
        + "},\"timestamp\":"
        + timestamps
        + events
        + ",\"indicators\":{\"quote\":[{\"open\":"
        + open
        + ",\"high\":"
        + open
        + ",\"low\":"
        + open
        + ",\"close\":"
        + close
        + ",\"volume\":"
        + volume
        + "}]"
        + adjclose
        + "}}],\"error\":null}}";

    [Fact]
    public void RecordedHistory_IsParsedExactly()
    {
        var history = ParseOk(FakeYahooFixtures.File("chart-AAPL-history-2020-08-31-to-2020-11-07.json").Span);

        Assert.Equal("AAPL", history.Symbol);
        Assert.Equal("USD", history.Currency);
        Assert.Equal("NMS", history.Exchange);
        Assert.Equal("America/New_York", history.TimeZoneName);
        Assert.Equal("America/New_York", history.TimeZone.Id);
        Assert.Equal(2, history.PriceHint);
        Assert.Equal(49, history.Bars.Count);

        var first = history.Bars[0];
        // 1598880600 is 2020-08-31 09:30 in New York (EDT, UTC-4).
        Assert.Equal(new DateTimeOffset(2020, 8, 31, 9, 30, 0, TimeSpan.FromHours(-4)), first.Time);
        Assert.Equal(TimeSpan.FromHours(-4), first.Time.Offset);
        Assert.Equal(129.0399932861328m, first.Close);
        Assert.Equal("129.0399932861328", first.Close?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(225702700L, first.Volume);
        Assert.Equal(118.69000244140625m, history.Bars[^1].Close);
        // 2020-11-06 09:30 EST (UTC-5): the offset follows the zone across the DST change.
        Assert.Equal(new DateTimeOffset(2020, 11, 6, 9, 30, 0, TimeSpan.FromHours(-5)), history.Bars[^1].Time);

        // Before the dividend, the adjusted close is below the close; on its day they agree.
        Assert.Equal(125.82673645019531m, first.AdjustedClose);
        Assert.NotEqual(first.Close, first.AdjustedClose);

        var split = Assert.Single(history.Splits);
        Assert.Equal(new DateOnly(2020, 8, 31), split.Date);
        Assert.Equal(4m, split.Numerator);
        Assert.Equal(1m, split.Denominator);

        var dividend = Assert.Single(history.Dividends);
        Assert.Equal(new DateOnly(2020, 11, 6), dividend.Date);
        Assert.Equal(0.205m, dividend.Amount);
    }

    [Fact]
    public void EveryBar_HasItsZonesOffsetAtThatInstant_AcrossTheDstChange()
    {
        var history = ParseOk(FakeYahooFixtures.File("chart-AAPL-history-2020-08-31-to-2020-11-07.json").Span);

        // 2020-10-30 is the last EDT bar (UTC-4), 2020-11-02 the first EST bar (UTC-5).
        Assert.Equal(44, history.Bars.Count(bar => bar.Time.Offset == TimeSpan.FromHours(-4)));
        Assert.Equal(5, history.Bars.Count(bar => bar.Time.Offset == TimeSpan.FromHours(-5)));
        Assert.All(history.Bars, bar => Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(bar.Time.DateTime)));
    }

    [Fact]
    public void EmptyRange_IsAnEmptyHistory()
    {
        var history = ParseOk(FakeYahooFixtures.File("chart-AAPL-empty-range-1m.json").Span);

        Assert.Equal("AAPL", history.Symbol);
        Assert.Equal("USD", history.Currency);
        Assert.Empty(history.Bars);
        Assert.Empty(history.Dividends);
        Assert.Empty(history.Splits);
    }

    [Fact]
    public void NullEntries_StayNull_AndNoBarIsDropped()
    {
        var body = Chart(
            timestamps: "[1704205800,1704292200,1704378600]",
            open: "[1.5,null,2.5]",
            close: "[1.25,null,null]",
            volume: "[100,null,0]",
            adjclose: ",\"adjclose\":[{\"adjclose\":[null,1.0,2.0]}]"
        );

        var history = ParseOk(body);

        Assert.Equal(3, history.Bars.Count);
        Assert.Equal(1.25m, history.Bars[0].Close);
        Assert.Null(history.Bars[0].AdjustedClose);
        Assert.Null(history.Bars[1].Open);
        Assert.Null(history.Bars[1].High);
        Assert.Null(history.Bars[1].Close);
        Assert.Null(history.Bars[1].Volume);
        Assert.Equal(1.0m, history.Bars[1].AdjustedClose);
        Assert.Null(history.Bars[2].Close);
        Assert.Equal(0L, history.Bars[2].Volume);
    }

    [Fact]
    public void MissingColumn_IsNullForEveryBar()
    {
        // Intraday answers have no adjclose at all.
        var history = ParseOk(Chart("[1704205800]", "[1]", "[2]", "[3]"));

        Assert.Null(Assert.Single(history.Bars).AdjustedClose);
    }

    [Fact]
    public void SydneyBarAt2300Utc_IsTheNextCalendarDayThere()
    {
        // 2024-01-01T23:00Z is 2024-01-02 10:00 in Sydney (AEDT, UTC+11).
        var body = Chart(
            timestamps: "[1704150000]",
            open: "[7.5]",
            close: "[7.6]",
            volume: "[10]",
            meta: "\"exchangeTimezoneName\":\"Australia/Sydney\",\"gmtoffset\":39600",
            events: ",\"events\":{\"dividends\":{\"1704150000\":{\"amount\":0.5,\"date\":1704150000}}}"
        );

        var history = ParseOk(body);

        var bar = Assert.Single(history.Bars);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 10, 0, 0, TimeSpan.FromHours(11)), bar.Time);
        Assert.Equal(TimeSpan.FromHours(11), bar.Time.Offset);
        Assert.Equal(new DateOnly(2024, 1, 2), Assert.Single(history.Dividends).Date);
    }

    [Fact]
    public void UnknownZone_FallsBackToGmtOffset()
    {
        var body = Chart(
            "[1704150000]",
            "[1]",
            "[1]",
            "[1]",
            meta: "\"exchangeTimezoneName\":\"Nowhere/Atlantis\",\"gmtoffset\":39600"
        );

        var history = ParseOk(body);

        Assert.Equal("Nowhere/Atlantis", history.TimeZoneName);
        Assert.Equal(TimeSpan.FromHours(11), history.TimeZone.BaseUtcOffset);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 10, 0, 0, TimeSpan.FromHours(11)), history.Bars[0].Time);
    }

    [Fact]
    public void CleanedValues_AreRoundedHalfToEvenToThePriceHint()
    {
        var history = ParseOk(
            Chart("[1704205800,1704292200]", "[129.0399932861328,0.125]", "[118.69000244140625,0.135]", "[1,2]")
        );

        var clean = history.Clean();

        Assert.Equal(129.04m, clean.Bars[0].Open);
        Assert.Equal(118.69m, clean.Bars[0].Close);
        Assert.Equal(0.12m, clean.Bars[1].Open);
        Assert.Equal(0.14m, clean.Bars[1].Close);
        // The exact values stay where they were.
        Assert.Equal(129.0399932861328m, history.Bars[0].Open);
        Assert.Equal(129.04m, history.Bars[0].Clean(2).Open);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "Data doesn't exist for startDate = 1, endDate = 2")]
    [InlineData((HttpStatusCode)422, "Invalid input - interval=1m is not supported for this range")]
    [InlineData(HttpStatusCode.NotFound, "No data found, symbol may be delisted")]
    public void ChartError_BecomesYahoosDescription(HttpStatusCode status, string description)
    {
        var body =
            "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\",\"description\":\""
            + description
            + "\"}}}";

        var parsed = HistoryBodyParser.Parse(status, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HistoryBodyProblem.Refused, parsed.Problem);
        Assert.Equal(description, parsed.Message);
        Assert.Null(parsed.History);
    }

    [Theory]
    [InlineData("", "the body is not JSON")]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[]", "the body is not a JSON object")]
    [InlineData("{}", "the body has no chart")]
    [InlineData("{\"chart\":{\"result\":[],\"error\":null}}", "the body has no chart result")]
    [InlineData("{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"X\"}}]", "the body is not JSON")]
    public void MalformedBody_IsABadBody(string body, string expectedStart)
    {
        Assert.StartsWith(expectedStart, ParseBad(body));
    }

    [Fact]
    public void ErrorStatusWithoutChartError_IsABadBody()
    {
        Assert.Equal("HTTP 400 came without a chart.error description", ParseBad("{}", HttpStatusCode.BadRequest));
    }

    [Fact]
    public void RaggedArrays_AreABadBody()
    {
        var message = ParseBad(Chart("[1704205800,1704292200]", "[1,2]", "[1]", "[1,2]"));

        Assert.Equal("indicators.quote[0].close has 1 entries for 2 timestamps", message);
    }

    [Fact]
    public void NonNumericEntry_IsABadBody()
    {
        var message = ParseBad(Chart("[1704205800]", "[1]", "[\"1.5\"]", "[1]"));

        Assert.Equal("indicators.quote[0].close[0] is a String, not a number", message);
    }

    [Fact]
    public void NumberDecimalCannotHoldExactly_IsABadBody()
    {
        var message = ParseBad(Chart("[1704205800]", "[1]", "[1e-40]", "[1]"));

        Assert.Equal("indicators.quote[0].close[0] 1e-40 cannot be held exactly as a decimal", message);
    }

    [Theory]
    [InlineData("129.0399932861328", "129.0399932861328")]
    [InlineData("1.50", "1.50")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("0", "0")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("0.9999999999999999999", "0.9999999999999999999")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("1.2345e2", "123.45")]
    [InlineData("-1E-3", "-0.001")]
    public void Prices_AreTheExactDecimalOfTheText(string text, string expected)
    {
        var history = ParseOk(Chart("[1704205800]", "[1]", "[" + text + "]", "[1]"));

        Assert.Equal(expected, history.Bars[0].Close?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PlainNumberBeyondDecimalPrecision_IsABadBody()
    {
        var message = ParseBad(Chart("[1704205800]", "[1]", "[1.0000000000000000000000000000001]", "[1]"));

        Assert.Equal(
            "indicators.quote[0].close[0] 1.0000000000000000000000000000001 cannot be held exactly as a decimal",
            message
        );
    }

    [Fact]
    public void FractionalVolume_IsABadBody()
    {
        var message = ParseBad(Chart("[1704205800]", "[1]", "[1]", "[1.5]"));

        Assert.Equal("indicators.quote[0].volume[0] 1.5 is not a whole number", message);
    }

    [Fact]
    public void TimestampOutOfRange_IsABadBody()
    {
        var message = ParseBad(Chart("[99999999999999]", "[1]", "[1]", "[1]"));

        Assert.Equal("timestamp[0] 99999999999999 is not a time between the years 1 and 9999", message);
    }

    [Fact]
    public void DuplicateSection_IsABadBody()
    {
        var body = Chart("[1704205800]", "[1]", "[1]", "[1]")
            .Replace("\"timestamp\":", "\"timestamp\":[1],\"timestamp\":", StringComparison.Ordinal);

        Assert.Equal("the chart result has 'timestamp' twice", ParseBad(body));
    }

    [Fact]
    public void MissingSymbol_IsABadBody()
    {
        var body = Chart("[1704205800]", "[1]", "[1]", "[1]")
            .Replace("\"symbol\":\"TEST\",", "", StringComparison.Ordinal);

        Assert.Equal("meta has no symbol", ParseBad(body));
    }

    [Theory]
    [InlineData("{\"dividends\":{\"1\":{\"amount\":0.24}}}", "a dividend in events.dividends has no date")]
    [InlineData("{\"dividends\":{\"1\":{\"date\":1704205800}}}", "a dividend in events.dividends has no amount")]
    [InlineData(
        "{\"dividends\":{\"1\":{\"date\":1704205800,\"amount\":\"0.24\"}}}",
        "events.dividends amount is a String, not a number"
    )]
    [InlineData(
        "{\"dividends\":{\"1\":{\"date\":1704205800,\"amount\":1e-40}}}",
        "events.dividends amount 1e-40 cannot be held exactly as a decimal"
    )]
    [InlineData(
        "{\"dividends\":{\"1\":{\"date\":\"x\",\"amount\":0.24}}}",
        "a date in events.dividends is not a time between the years 1 and 9999"
    )]
    [InlineData("{\"dividends\":{\"1\":1}}", "an entry of events.dividends is a Number, not an object")]
    [InlineData("{\"splits\":{\"1\":{\"numerator\":4,\"denominator\":1}}}", "a split in events.splits has no date")]
    [InlineData(
        "{\"splits\":{\"1\":{\"date\":1704205800,\"denominator\":1}}}",
        "a split in events.splits has no numerator"
    )]
    [InlineData(
        "{\"splits\":{\"1\":{\"date\":1704205800,\"numerator\":4}}}",
        "a split in events.splits has no denominator"
    )]
    [InlineData("{\"splits\":{},\"splits\":{}}", "events has 'splits' twice")]
    public void BadEvent_IsABadBody(string events, string expected)
    {
        var body = Chart("[1704205800]", "[1]", "[1]", "[1]", events: ",\"events\":" + events);

        Assert.Equal(expected, ParseBad(body));
    }

    [Theory]
    [InlineData("\"exchangeTimezoneName\":1", "meta.exchangeTimezoneName is a Number, not a string")]
    [InlineData("\"exchangeTimezoneName\":\"\\ud800\"", "meta.exchangeTimezoneName has an unpaired surrogate escape")]
    [InlineData("\"gmtoffset\":\"-18000\"", "meta.gmtoffset is a String, not a number")]
    public void BadMetaField_IsABadBody(string meta, string expected)
    {
        Assert.Equal(expected, ParseBad(Chart("[1704205800]", "[1]", "[1]", "[1]", meta: meta)));
    }

    [Fact]
    public void MetaTextNotUtf8_IsABadBody()
    {
        var body = Encoding.UTF8.GetBytes(
            Chart("[1704205800]", "[1]", "[1]", "[1]", meta: "\"exchangeTimezoneName\":\"@\"")
        );
        body[Array.IndexOf(body, (byte)'@')] = 0xFF;

        var parsed = HistoryBodyParser.Parse(HttpStatusCode.OK, body);

        Assert.Equal(HistoryBodyProblem.BadBody, parsed.Problem);
        Assert.Equal("meta.exchangeTimezoneName is not valid UTF-8", parsed.Message);
    }

    [Theory]
    [InlineData("{\"chart\":{\"result\":[1]}}", "chart.result[0] is a Number, not an object")]
    [InlineData(
        "{\"chart\":{\"result\":[{\"indicators\":{\"quote\":1}}]}}",
        "indicators.quote is a Number, not an array"
    )]
    [InlineData(
        "{\"chart\":{\"result\":[{\"indicators\":{\"quote\":[1]}}]}}",
        "indicators.quote[0] is a Number, not an object"
    )]
    [InlineData("{\"chart\":{\"result\":[{\"timestamp\":[\"1\"]}]}}", "timestamp[0] is a String, not a number")]
    public void MisshapenResult_IsABadBody(string body, string expected)
    {
        Assert.Equal(expected, ParseBad(body));
    }

    [Fact]
    public void AdjCloseOfAnotherLength_IsABadBody()
    {
        var body = Chart("[1704205800]", "[1]", "[1]", "[1]", adjclose: ",\"adjclose\":[{\"adjclose\":[1,2]}]");

        Assert.Equal("indicators.adjclose[0].adjclose has 2 entries for 1 timestamps", ParseBad(body));
    }
}
