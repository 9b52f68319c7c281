namespace QuoteFetch.Tests.Portfolio;

/// <summary>The valuation's arithmetic and FX choices, without a server.</summary>
public sealed class PortfolioMathTests
{
    private static readonly DateTimeOffset Noon = new(2025, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static QuoteResult Priced(string symbol, decimal price, string? currency, DateTimeOffset? time = null) =>
        QuoteResult.Success(
            symbol,
            new Quote
            {
                Symbol = symbol,
                Price = price,
                Currency = currency,
                MarketTime = time ?? Noon,
            }
        );

    private static Dictionary<string, QuoteResult> Results(params QuoteResult[] results) =>
        results.ToDictionary(result => result.Symbol, StringComparer.Ordinal);

    [Theory]
    [InlineData("GBp", "GBP", 100)]
    [InlineData("GBX", "GBP", 100)]
    [InlineData("gbx", "GBP", 100)]
    [InlineData("ILA", "ILS", 100)]
    [InlineData("ZAc", "ZAR", 100)]
    [InlineData("ZAC", "ZAR", 100)]
    [InlineData("GBP", "GBP", 1)]
    [InlineData("gbp", "GBP", 1)]
    [InlineData("USD", "USD", 1)]
    [InlineData("XYZ", "XYZ", 1)]
    public void ToMajor_MinorUnitsAreHundredths(string code, string major, int perMajor)
    {
        Assert.Equal((major, (decimal)perMajor), CurrencyUnits.ToMajor(code));
    }

    [Theory]
    [InlineData("usd", null, "USD")]
    [InlineData("US", "must be a three-letter currency code such as USD, not 'US'", "US")]
    [InlineData("GBp", "GBp is a minor unit (a hundredth of GBP); use GBP", "GBP")]
    [InlineData("U\u001bD", "must be a three-letter currency code such as USD, not 'U?D'", "U\u001bD")]
    public void BaseCurrencyProblem_SaysWhatIsWrong(string code, string? problem, string major)
    {
        Assert.Equal(problem, CurrencyUnits.BaseCurrencyProblem(code, out var normalized));
        Assert.Equal(major, normalized);
    }

    [Theory]
    [InlineData("AAPL", "USD")]
    [InlineData("OCDO.L", "GBP")]
    [InlineData("0P000071W8.TO", "CAD")]
    [InlineData("WSU.DE", "EUR")]
    [InlineData("TEVA.TA", "ILS")]
    [InlineData("NPN.JO", "ZAR")]
    [InlineData("BTC-EUR", "EUR")]
    [InlineData("BRK-B", "USD")]
    [InlineData("EURGBP=X", "GBP")]
    [InlineData("^GSPC", "USD")]
    public void Guess_FromTheSymbolsForm(string symbol, string currency)
    {
        Assert.Equal(currency, ExchangeCurrencies.Guess(symbol));
    }

    [Fact]
    public void Resolve_Direct()
    {
        var rate = FxPairs.Resolve("GBP", "USD", Results(Priced("GBPUSD=X", 1.2634m, "USD")), out var problem);

        Assert.Null(problem);
        Assert.Equal(1.2634m, rate!.Rate);
        Assert.Equal("GBPUSD=X", rate.Pair);
        Assert.False(rate.Inverted);
    }

    [Fact]
    public void Resolve_InverseWhenDirectFailed_ExactDivision()
    {
        var results = Results(
            QuoteResult.Failure("ILSUSD=X", QuoteErrorKind.NotFound, "gone"),
            Priced("USDILS=X", 4m, "ILS")
        );

        var rate = FxPairs.Resolve("ILS", "USD", results, out _);

        Assert.Equal(0.25m, rate!.Rate);
        Assert.Equal("USDILS=X", rate.Pair);
        Assert.True(rate.Inverted);
    }

    [Fact]
    public void Resolve_CrossThroughUsd_OlderLegsTime()
    {
        var earlier = Noon.AddHours(-3);
        var results = Results(Priced("CADUSD=X", 0.75m, "USD", earlier), Priced("GBPUSD=X", 1.25m, "USD"));

        var rate = FxPairs.Resolve("CAD", "GBP", results, out _);

        // CAD→USD 0.75, USD→GBP 1 / 1.25 = 0.8: 0.6 GBP per CAD.
        Assert.Equal(0.6m, rate!.Rate);
        Assert.Equal("CADUSD=X * 1/GBPUSD=X", rate.Pair);
        Assert.Equal("USD", rate.Via);
        Assert.Equal(earlier, rate.MarketTime);
    }

    [Fact]
    public void Resolve_PairInAnotherCurrency_IsNotUsed()
    {
        var results = Results(Priced("GBPUSD=X", 1.17m, "EUR"));

        var rate = FxPairs.Resolve("GBP", "USD", results, out var problem);

        Assert.Null(rate);
        Assert.Equal("no GBP to USD rate: GBPUSD=X (priced in EUR, not USD), USDGBP=X (not asked)", problem!.Message);
    }

    [Fact]
    public void Value_OverflowingPosition_IsAnErrorNotACrash()
    {
        var holdings = new List<Holding>
        {
            new() { Symbol = "BIG", Quantity = decimal.MaxValue },
            new() { Symbol = "AAPL", Quantity = 2 },
        };
        var results = Results(Priced("BIG", 10m, "USD"), Priced("AAPL", 1.5m, "USD"));

        var valuation = PortfolioValuer.Value(holdings, results, "USD");

        Assert.Equal("the value is too large for exact decimal arithmetic", valuation.Positions[0].Error!.Message);
        Assert.Equal(3m, valuation.Total.ValueInBase);
        Assert.Equal(["BIG"], valuation.Total.Excluded);
        Assert.Equal(100m, valuation.Positions[1].WeightPercent);
    }

    [Fact]
    public void Merge_SumsRepeats_CostUnknownWhenARowHasNone()
    {
        var merged = PortfolioValuer.Merge([
            new Holding
            {
                Symbol = "aapl",
                Quantity = 1.5m,
                Cost = 100m,
            },
            new Holding
            {
                Symbol = "MSFT",
                Quantity = 1m,
                Cost = 10m,
            },
            new Holding
            {
                Symbol = " AAPL ",
                Quantity = 0.25m,
                Cost = 50m,
            },
            new Holding { Symbol = "MSFT", Quantity = 1m },
        ]);

        Assert.Equal(2, merged.Count);
        Assert.Equal(("AAPL", 1.75m, (decimal?)150m), (merged[0].Symbol, merged[0].Quantity, merged[0].Cost));
        Assert.Equal(("MSFT", 2m, (decimal?)null), (merged[1].Symbol, merged[1].Quantity, merged[1].Cost));
    }

    [Fact]
    public void Value_NoCurrencyInTheAnswer_IsAnError()
    {
        var valuation = PortfolioValuer.Value(
            [new Holding { Symbol = "ODD", Quantity = 1m }],
            Results(Priced("ODD", 5m, null)),
            "USD"
        );

        Assert.Equal(QuoteErrorKind.BadResponse, valuation.Positions[0].Error!.Kind);
        Assert.Equal(0, valuation.Total.Positions);
    }
}
