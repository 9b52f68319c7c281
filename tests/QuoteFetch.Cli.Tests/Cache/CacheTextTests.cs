using System.Globalization;
using System.Text;

namespace QuoteFetch.Cli.Tests.Cache;

/// <summary>The cache's UTF-8 text is the text it stored before as strings: files written by either read the same.</summary>
public sealed class CacheTextTests
{
    public static TheoryData<string> Decimals() =>
        [
            "129.0399932861328",
            "131",
            "1.50",
            "0.05",
            "0.0000001",
            "-0.25",
            "-12.5000",
            "100",
            "0",
            "0.00",
            "-0.00",
            "18446744073709551615",
            "18446744073709551616",
            "0.18446744073709551615",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ];

    [Theory]
    [MemberData(nameof(Decimals))]
    public void ADecimal_IsWrittenAsItsInvariantText_AndReadBackWithItsScale(string text)
    {
        var value = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        var buffer = new byte[CacheText.MaxDecimalLength];

        var written = Encoding.UTF8.GetString(buffer, 0, CacheText.Write(value, buffer));

        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), written);
        var back = CacheText.Decimal(buffer.AsSpan(0, written.Length));
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), back.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1.5")]
    [InlineData(" 2.5 ")]
    [InlineData("1,000.25")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("12345678901234567890.5")]
    [InlineData("0.00000000000000000000000000011")]
    public void AStoredTextInAnotherForm_IsReadAsDecimalReadsIt(string text)
    {
        var expected = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

        var read = CacheText.Decimal(Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), read.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    public void AStoredTextThatIsNoNumber_IsDamage(string text) =>
        Assert.Throws<FormatException>(() => CacheText.Decimal(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void EveryScaleOfAPrice_IsWrittenAsItsInvariantText()
    {
        var buffer = new byte[CacheText.MaxDecimalLength];
        var written = Enumerable
            .Range(0, 29)
            .Select(scale => new decimal(1234567891, 17, 0, isNegative: scale % 2 == 1, (byte)scale))
            .Select(value => (value.ToString(CultureInfo.InvariantCulture), CacheText.Write(value, buffer)))
            .Select(pair => (pair.Item1, Encoding.UTF8.GetString(buffer, 0, pair.Item2)))
            .ToList();

        Assert.All(written, pair => Assert.Equal(pair.Item1, pair.Item2));
    }

    [Theory]
    [InlineData("2026-01-05")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void ADay_IsWrittenAsIsoText_AndReadBack(string text)
    {
        var day = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var buffer = new byte[CacheText.DayLength];

        CacheText.Write(day, buffer);

        Assert.Equal(text, Encoding.UTF8.GetString(buffer));
        Assert.Equal(day, CacheText.Day(buffer));
    }

    [Theory]
    [InlineData("2026-1-05")]
    [InlineData("2026/01/05")]
    [InlineData("2026-01-5x")]
    public void AStoredDayNotInIsoForm_IsDamage(string text) =>
        Assert.Throws<FormatException>(() => CacheText.Day(Encoding.UTF8.GetBytes(text)));
}
