using System.Globalization;
using System.Text;

namespace QuoteFetch.Tests.Responses;

public sealed class PlainDecimalTests
{
    private static decimal? Parse(string number) =>
        PlainDecimal.TryParse(Encoding.ASCII.GetBytes(number), out var value) ? value : null;

    [Theory]
    [InlineData("129.0399932861328")]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("7")]
    [InlineData("12345678")] // exactly one group of eight
    [InlineData("0.12345678")]
    [InlineData("123456789.12345678")]
    [InlineData("9999999999999999999")] // 19 digits, the most that fit
    [InlineData("-999999999.9999999999")]
    [InlineData("18446744.07370955161")]
    [InlineData("131.00")] // trailing zeros keep their places
    public void TryParse_PlainNumber_IsTheExactDecimalWithItsScale(string number)
    {
        var expected = decimal.Parse(number, CultureInfo.InvariantCulture);

        var parsed = Parse(number);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected.Scale, parsed!.Value.Scale);
        Assert.Equal(
            expected.ToString(CultureInfo.InvariantCulture),
            parsed.Value.ToString(CultureInfo.InvariantCulture)
        );
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.5E-7")]
    [InlineData("12345678e1")] // the exponent right after a group of eight
    [InlineData("1234567e+10")]
    [InlineData("10000000000000000000")] // 20 digits
    [InlineData("1.0000000000000000000")]
    public void TryParse_ExponentOrTooManyDigits_IsLeftToTheGeneralParser(string number)
    {
        Assert.Null(Parse(number));
    }

    [Fact]
    public void TryParse_RandomPlainNumbers_AgreeWithDecimalParse()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 100_000; i++)
        {
            var whole = random.Next(1, 12);
            var fraction = random.Next(0, 20 - whole);
            var text = new StringBuilder(random.Next(2) == 0 ? "-" : "");
            text.Append((char)('1' + random.Next(9)));
            for (var d = 1; d < whole; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
            text.Append(fraction > 0 ? "." : "");
            for (var d = 0; d < fraction; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
            var number = text.ToString();

            Assert.Equal(
                decimal.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                Parse(number)?.ToString(CultureInfo.InvariantCulture)
            );
        }
    }
}
