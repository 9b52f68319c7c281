namespace QuoteFetch.Cli.Tests.Output;

public sealed class PriceFormatterTests
{
    [Theory]
    [InlineData("123.455", 2, "123.46")]
    [InlineData("123.465", 2, "123.46")]
    [InlineData("0.125", 2, "0.12")]
    [InlineData("0.135", 2, "0.14")]
    [InlineData("220.003", 2, "220.00")]
    [InlineData("1", 2, "1.00")]
    [InlineData("1.04365", 4, "1.0436")]
    [InlineData("99999.995", 2, "100000.00")]
    public void Format_Price_RoundsHalfToEvenLikePythonQuantize(string price, int decimals, string expected)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, PriceFormatter.Format(value, decimals));
    }

    [Theory]
    [InlineData(null, null, 2)]
    [InlineData(2, null, 2)]
    [InlineData(4, null, 4)]
    [InlineData(0, null, 2)]
    [InlineData(4, 1, 1)]
    public void DecimalsFor_PriceHintAndRequest_PicksPlaces(int? priceHint, int? requested, int expected)
    {
        var quote = new Quote
        {
            Symbol = "X",
            Price = 1m,
            Currency = null,
            Exchange = null,
            InstrumentType = null,
            MarketTime = null,
            PreviousClose = null,
            PriceHint = priceHint,
        };

        Assert.Equal(expected, PriceFormatter.DecimalsFor(quote, requested));
    }
}
