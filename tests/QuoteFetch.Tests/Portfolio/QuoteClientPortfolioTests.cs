using Microsoft.Extensions.Time.Testing;
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
    public async Task BlankCurrencyOverride_IsNoOverride_YahoosCurrencyIsValued()
    {
        Server.Options.CurrencyBySymbol["ODD"] = "EUR";
        Server.Options.PriceTextBySymbol["ODD"] = "10";
        using var sut = CreateSut();

        // A blank currency column once asked for the pair "USD=X" and then found no rate for EUR: KeyNotFoundException.
        var valuation = await sut.ValuePortfolioAsync(
            [
                new Holding
                {
                    Symbol = "ODD",
                    Quantity = 3m,
                    Currency = " ",
                },
            ],
            "USD"
        );

        Assert.Equal("EUR", valuation.Positions[0].Currency);
        Assert.Equal(30m * 1.0436m, valuation.Positions[0].ValueInBase);
        Assert.Equal(0, Server.RequestsFor("USD=X"));
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
    public async Task Deadline_BoundsBothRounds_NoFallbackAfterIt()
    {
        var time = new FakeTimeProvider();
        Server.Options.LatencyBySymbol["GBPUSD=X"] = TimeSpan.FromMinutes(5);
        using var sut = new QuoteClient(
            new QuoteClientOptions { BaseAddress = Server.BaseAddress, Deadline = TimeSpan.FromSeconds(10) },
            timeProvider: time
        );

        var valuing = sut.ValuePortfolioAsync([new Holding { Symbol = "OCDO.L", Quantity = 1m }], "USD");
        await WaitForRequestsAsync(2);
        time.Advance(TimeSpan.FromSeconds(10));
        var valuation = await valuing;

        // The direct pair ran out the deadline; the inverse would have priced, but no time was left to ask.
        Assert.Equal(0, Server.RequestsFor("USDGBP=X"));
        Assert.Equal(QuoteErrorKind.Timeout, valuation.Positions[0].Error!.Kind);
        Assert.Equal(["OCDO.L"], valuation.Total.Excluded);
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

    /// <summary>Waits up to 30 seconds for the server to have seen <paramref name="count"/> requests.</summary>
    private async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 600 && Server.RequestCount < count; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
        Assert.True(Server.RequestCount >= count, $"the server saw {Server.RequestCount} requests, expected {count}");
    }
}
