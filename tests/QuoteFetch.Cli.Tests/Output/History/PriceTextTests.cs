using System.Globalization;
using System.Text;

namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class PriceTextTests
{
    // What every history output wrote before PriceText: round, give it the places, format.
    private static string Slow(decimal value, int? places) =>
        HistoryText.Number(
            HistoryText.Fixed(places is { } p ? decimal.Round(value, p, MidpointRounding.ToEven) : value, places)
        );

    private static string Fast(decimal value, int? places)
    {
        Span<char> text = stackalloc char[PriceText.MaxLength];
        Assert.True(PriceText.TryWrite(value, places, text, out var written));
        return text[..written].ToString();
    }

    [Theory]
    [InlineData("129.0399932861328", 2, "129.04")]
    [InlineData("131", 2, "131.00")]
    [InlineData("0.125", 2, "0.12")] // a tie goes to the even neighbour
    [InlineData("0.135", 2, "0.14")]
    [InlineData("0.005", 2, "0.00")]
    [InlineData("0.0051", 2, "0.01")]
    [InlineData("-0.001", 2, "0.00")] // zero has no sign, as decimal writes it
    [InlineData("-0.006", 2, "-0.01")]
    [InlineData("9.995", 2, "10.00")]
    [InlineData("0.5", 0, "0")]
    [InlineData("1.5", 0, "2")]
    [InlineData("7", 0, "7")]
    [InlineData("1.0835", 4, "1.0835")]
    [InlineData("0.00001234", 6, "0.000012")]
    [InlineData("18446744073709551615", 2, "18446744073709551615.00")] // the largest 64-bit mantissa
    [InlineData("18446744073709551616", 2, "18446744073709551616.00")] // one more: the general path
    [InlineData("129.0399932861328", null, "129.0399932861328")]
    public void TryWrite_RoundsHalfToEvenWithExactlyThePlaces(string price, int? places, string expected)
    {
        var value = decimal.Parse(price, CultureInfo.InvariantCulture);

        Assert.Equal(expected, Fast(value, places));
        Assert.Equal(Slow(value, places), Fast(value, places));
    }

    [Fact]
    public void TryWrite_AgreesWithDecimalRoundAndFormat_OnManyValues()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 200_000; i++)
        {
            var value = new decimal(
                random.Next(),
                random.Next(4) == 0 ? random.Next() : 0,
                random.Next(8) == 0 ? random.Next() : 0,
                random.Next(2) == 0,
                // At least 3 places, so the rounded value with up to 11 places still fits decimal's 28 digits
                // (the old way lost places beyond them; see the test below).
                (byte)random.Next(3, 29)
            );
            var places = random.Next(12);

            Assert.Equal(Slow(value, places), Fast(value, places));
        }
    }

    [Fact]
    public void TryWrite_ExtremeValues_AgreeWithDecimal()
    {
        decimal[] values = [decimal.MaxValue, decimal.MinValue, 0m, -0m, 0.0000000000000000000000000001m, 1e-28m * 5];
        foreach (var value in values)
        {
            foreach (var places in new[] { 0, 2, 8, 19, 20, 28 })
            {
                Assert.Equal(Slow(value, places), Fast(value, places));
            }
        }
    }

    [Fact]
    public void TryWrite_MorePlacesThanDecimalHolds_StillWritesThemAll()
    {
        // 19 digits and 11 places are 30 digits: decimal.Round and + 0.00000000000 keep only 10 places.
        Assert.Equal("908532834535139771.70000000000", Fast(908532834535139771.7m, 11));
    }

    [Fact]
    public void TryWrite_Utf8_IsTheSameText()
    {
        var random = new Random(20261202);
        Span<byte> utf8 = stackalloc byte[PriceText.MaxLength];
        for (var i = 0; i < 100_000; i++)
        {
            var value = new decimal(
                random.Next(),
                random.Next(4) == 0 ? random.Next() : 0,
                random.Next(8) == 0 ? random.Next() : 0,
                random.Next(2) == 0,
                (byte)random.Next(0, 29)
            );
            int? places = random.Next(13) is var p && p == 12 ? null : p;

            Assert.True(PriceText.TryWrite(value, places, utf8, out var written));
            Assert.Equal(Fast(value, places), Encoding.UTF8.GetString(utf8[..written]));
        }
    }

    [Fact]
    public void TryWrite_Utf8DestinationTooShort_IsFalse()
    {
        Span<byte> utf8 = stackalloc byte[5];

        Assert.False(PriceText.TryWrite(129.0399932861328m, 2, utf8, out _));
        Assert.False(PriceText.TryWrite(129.0399932861328m, null, utf8, out _));
        Assert.True(PriceText.TryWrite(9.999m, 2, utf8, out var written));
        Assert.Equal("10.00", Encoding.UTF8.GetString(utf8[..written]));
    }

    [Fact]
    public void TryWrite_DestinationTooShort_IsFalse()
    {
        Span<char> text = stackalloc char[5];

        Assert.False(PriceText.TryWrite(129.0399932861328m, 2, text, out _));
        Assert.True(PriceText.TryWrite(9.999m, 2, text, out var written));
        Assert.Equal("10.00", text[..written].ToString());
    }
}
