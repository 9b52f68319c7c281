namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class HistorySummaryTests
{
    [Fact]
    public void Change_ExactDecimals_RoundHalfToEven()
    {
        // 0.125 % and 0.135 %: exact in decimal (a double holds neither), rounded to the even neighbour.
        Assert.Equal(0.12m, HistorySummary.Change(100m, 100.125m));
        Assert.Equal(0.14m, HistorySummary.Change(100m, 100.135m));
        Assert.Equal(-0.12m, HistorySummary.Change(100m, 99.875m));
    }

    [Fact]
    public void Change_RecordedAaplCloses_IsMinusEightPointZeroTwo()
    {
        // First and last recorded closes of autumn 2020, exact as Yahoo sent them.
        Assert.Equal(-8.02m, HistorySummary.Change(129.0399932861328m, 118.69000244140625m));
    }

    [Fact]
    public void Change_FromZeroOrOverflowing_IsNull()
    {
        Assert.Null(HistorySummary.Change(0m, 5m));
        Assert.Null(HistorySummary.Change(0.0000000000000000000000000001m, decimal.MaxValue));
    }

    [Theory]
    [InlineData("1.5", "+1.50%")]
    [InlineData("-0.4", "-0.40%")]
    [InlineData("0", "0.00%")]
    [InlineData("-0.00", "0.00%")]
    public void FormatChange_ShowsTheSign(string change, string expected)
    {
        Assert.Equal(
            expected,
            HistorySummary.FormatChange(decimal.Parse(change, System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    [Fact]
    public void Of_History_SkipsNullClosesForFirstLastMinAndMax()
    {
        var day = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var history = new PriceHistory
        {
            Symbol = "X",
            Bars =
            [
                new PriceBar { Time = day },
                new PriceBar { Time = day.AddDays(1), Close = 10m },
                new PriceBar { Time = day.AddDays(2), Close = 8m },
                new PriceBar { Time = day.AddDays(3), Close = 12m },
                new PriceBar { Time = day.AddDays(4) },
            ],
        };

        var summary = HistorySummary.Of(history);

        Assert.Equal(5, summary.Bars);
        Assert.Equal(day, summary.FirstTime);
        Assert.Equal(day.AddDays(4), summary.LastTime);
        Assert.Equal((10m, 12m, 8m, 12m), (summary.FirstClose, summary.LastClose, summary.MinClose, summary.MaxClose));
        Assert.Equal(20.00m, summary.ChangePercent);
    }
}
