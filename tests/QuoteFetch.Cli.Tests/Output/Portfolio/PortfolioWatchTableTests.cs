namespace QuoteFetch.Cli.Tests.Output.Portfolio;

/// <summary>The portfolio table under --watch: a mark where the price moved since the last round, and the day's change.</summary>
public sealed class PortfolioWatchTableTests
{
    private static PortfolioReport Report(params PositionValue[] positions)
    {
        var valuation = new PortfolioValuation
        {
            BaseCurrency = "USD",
            Positions = positions,
            Total = new PortfolioTotal
            {
                ValueInBase = 0m,
                Positions = positions.Length,
                Excluded = [],
            },
            Rates = [],
            ValueByCurrency = new Dictionary<string, decimal>(),
        };
        return new PortfolioReport(valuation, positions, new HoldingsFile("holdings.csv", [], [], []));
    }

    private static PositionValue Position(string symbol, decimal price, decimal previousClose) =>
        new()
        {
            Symbol = symbol,
            Quantity = 1m,
            Price = price,
            PreviousClose = previousClose,
            Currency = "USD",
        };

    private static async Task<string[]> RowsAsync(PortfolioReport report, IReadOnlyDictionary<string, decimal>? last)
    {
        using var output = new StringWriter();
        await PortfolioTable.WriteAsync(report, output, colors: false, last);
        return output.ToString().Split('\n');
    }

    [Fact]
    public async Task Watching_MarksMovesSinceTheLastRound_AndShowsTheDaysChange()
    {
        var report = Report(Position("UP", 110m, 100m), Position("DOWN", 90m, 100m), Position("SAME", 50m, 50m));
        var last = new Dictionary<string, decimal>
        {
            ["UP"] = 105m,
            ["DOWN"] = 95m,
            ["SAME"] = 50m,
        };

        var lines = await RowsAsync(report, last);

        Assert.Contains("Day %", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^UP\s+1\s+110\.00\s+USD\s+▲\s+10\.00\b", lines[1]);
        Assert.Matches(@"^DOWN\s+1\s+90\.00\s+USD\s+▼\s+-10\.00\b", lines[2]);
        Assert.Matches(@"^SAME\s+1\s+50\.00\s+USD\s+0\.00\b", lines[3]);
    }

    [Fact]
    public async Task NotWatching_HasNeitherColumn()
    {
        var lines = await RowsAsync(Report(Position("UP", 110m, 100m)), last: null);

        Assert.DoesNotContain("Day %", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("▲", string.Join('\n', lines), StringComparison.Ordinal);
    }
}
