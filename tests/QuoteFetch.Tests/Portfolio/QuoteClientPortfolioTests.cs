using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Portfolio;

/// <summary><see cref="QuoteClient.ValuePortfolioAsync"/> through the fake server: which requests, how many rounds.</summary>
public sealed class QuoteClientPortfolioTests : FakeYahooTestBase
{
    [Fact]
    public async Task GuessedPairs_OneRound()
    {
        using var sut = CreateSut();

        var valuation = await sut.ValuePortfolioAsync(
            [new Holding { Symbol = "OCDO.L", Quantity = 250m }, new Holding { Symbol = "AAPL", Quantity = 1m }],
            "USD"
        );

        Assert.Equal(3, Server.RequestCount);
        // 250 × 305.3 p = 763.25 GBP × 1.2634.
        Assert.Equal(964.29005m, valuation.Positions[0].ValueInBase);
    }

    [Fact]
    public async Task CurrencyNotForeseen_SecondRoundAsksItsPair()
    {
        Server.Options.CurrencyBySymbol["ODD"] = "EUR";
        Server.Options.PriceTextBySymbol["ODD"] = "10";
        using var sut = CreateSut();

        var valuation = await sut.ValuePortfolioAsync([new Holding { Symbol = "ODD", Quantity = 3m }], "USD");

        // Round one: ODD (guessed USD, no pair); round two: EURUSD=X and its inverse, at once.
        Assert.Equal(3, Server.RequestCount);
        Assert.Equal(1, Server.RequestsFor("EURUSD=X"));
        Assert.Equal(30m * 1.0436m, valuation.Positions[0].ValueInBase);
    }

    [Fact]
    public async Task HostileDirectPair_InverseUsed_OthersUntouched()
    {
        Server.Options.Faults["GBPUSD=X"] = FakeFault.Raw(200, "{\"chart\":"u8.ToArray(), "application/json");
        using var sut = CreateSut(options => options.MaxRetries = 0);

        var valuation = await sut.ValuePortfolioAsync(
            [new Holding { Symbol = "OCDO.L", Quantity = 100m }, new Holding { Symbol = "AAPL", Quantity = 1m }],
            "USD"
        );

        var rate = Assert.Single(valuation.Rates);
        Assert.Equal("USDGBP=X", rate.Pair);
        Assert.True(rate.Inverted);
        // 305.3 GBP × (1 / 0.791515).
        Assert.Equal(305.3m * (1m / 0.791515m), valuation.Positions[0].ValueInBase);
        Assert.Equal(220.003m, valuation.Positions[1].ValueInBase);
        Assert.Empty(valuation.Total.Excluded);
    }

    [Fact]
    public async Task BadBaseCurrency_ArgumentException_BeforeAnyRequest()
    {
        using var sut = CreateSut();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            sut.ValuePortfolioAsync([new Holding { Symbol = "AAPL", Quantity = 1m }], "GBX")
        );

        Assert.StartsWith(
            "the base currency GBX is a minor unit (a hundredth of GBP); use GBP",
            error.Message,
            StringComparison.Ordinal
        );
        Assert.Equal(0, Server.RequestCount);
    }
}
