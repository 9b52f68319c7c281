namespace QuoteFetch.Cli;

/// <summary>What every portfolio writer shows: the valuation, its positions in the order asked for, and the file read.</summary>
/// <param name="Positions">The valuation's positions, sorted as --sort asked; errors carry the CLI's advice.</param>
internal sealed record PortfolioReport(
    PortfolioValuation Valuation,
    IReadOnlyList<PositionValue> Positions,
    HoldingsFile File
)
{
    private readonly Dictionary<string, IReadOnlyList<long>> _lines = File.Rows.ToDictionary(
        row => row.Holding.Symbol,
        row => row.Lines,
        StringComparer.Ordinal
    );

    /// <summary>The lines of the holdings file each symbol came from.</summary>
    public IReadOnlyList<long> LinesOf(string symbol) => _lines.GetValueOrDefault(symbol) ?? [];

    public static PortfolioReport Create(PortfolioValuation valuation, HoldingsFile file, PortfolioSort sort)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        ArgumentNullException.ThrowIfNull(file);
        var positions = valuation.Positions.Select(WithAdvice);
        positions = sort switch
        {
            PortfolioSort.Value or PortfolioSort.Weight => positions.OrderByDescending(p =>
                p.ValueInBase ?? decimal.MinValue
            ),
            PortfolioSort.Gain => positions.OrderByDescending(p => p.Gain * p.FxRate ?? decimal.MinValue),
            PortfolioSort.Symbol => positions.OrderBy(p => p.Symbol, StringComparer.Ordinal),
            _ => positions,
        };
        return new PortfolioReport(valuation, [.. positions], file);
    }

    private static PositionValue WithAdvice(PositionValue position) =>
        position.Error is { } error && Advice.For(error) is { } advice
            ? position with
            {
                Error = error with { Message = $"{error.Message}; {advice}" },
            }
            : position;
}
