using System.Globalization;

namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class HistoryTextTests
{
    [Theory]
    [InlineData("131", 2, "131.00")]
    [InlineData("134.8", 2, "134.80")]
    [InlineData("129.04", 2, "129.04")]
    [InlineData("1.0835", 4, "1.0835")]
    [InlineData("7", 0, "7")]
    public void Fixed_CleanedPrice_HasExactlyThePlaces(string price, int places, string expected)
    {
        var value = decimal.Parse(price, CultureInfo.InvariantCulture);

        Assert.Equal(expected, HistoryText.Number(HistoryText.Fixed(value, places)));
    }

    [Fact]
    public void Fixed_ExactOrNull_IsUnchanged()
    {
        Assert.Equal("129.0399932861328", HistoryText.Number(HistoryText.Fixed(129.0399932861328m, null)));
        Assert.Null(HistoryText.Fixed(null, 2));
    }

    [Fact]
    public void Fixed_LargestDecimal_KeepsItsValue()
    {
        Assert.Equal(decimal.MaxValue, HistoryText.Fixed(decimal.MaxValue, 2));
    }

    [Fact]
    public void Number_NeverUsesAnExponentOrGroupSeparator()
    {
        Assert.Equal("0.00000001", HistoryText.Number(0.00000001m));
        Assert.Equal("1234567890.5", HistoryText.Number(1234567890.5m));
        Assert.Equal("9007199254740993", HistoryText.Number(9007199254740993L));
    }

    [Fact]
    public void Date_DailyAndIntraday_AreTheExchangesLocalDayOrTimeWithOffset()
    {
        // Sydney's 10:00 session open, stamped 23:00 UTC the day before.
        var time = new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.FromHours(11));

        Assert.Equal("2026-11-17", HistoryText.Date(time, intraday: false));
        Assert.Equal("2026-11-17T10:00:00+11:00", HistoryText.Date(time, intraday: true));
    }

    [Theory]
    [InlineData(-300)] // New York in winter
    [InlineData(330)] // India
    [InlineData(0)]
    [InlineData(-570)] // the Marquesas
    [InlineData(840)] // Kiribati
    public void Date_Intraday_IsTheCustomFormatsText(int offsetMinutes)
    {
        var time = new DateTimeOffset(2026, 3, 9, 9, 30, 5, TimeSpan.FromMinutes(offsetMinutes));

        Assert.Equal(
            time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            HistoryText.Date(time, intraday: true)
        );
    }

    [Fact]
    public void TryWriteDate_DestinationTooShort_IsFalse()
    {
        var time = new DateTimeOffset(2026, 3, 9, 9, 30, 5, TimeSpan.FromHours(-5));

        Assert.False(HistoryText.TryWriteDate(time, intraday: true, new char[HistoryText.DateLength - 1], out _));
        Assert.False(HistoryText.TryWriteDate(time, intraday: false, new char[9], out _));
    }
}
