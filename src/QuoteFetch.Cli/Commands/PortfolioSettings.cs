namespace QuoteFetch.Cli;

/// <summary>Everything <c>quotefetch portfolio</c> was asked for, bound and checked.</summary>
/// <param name="Shared">Format (already defaulted), -v and the client options; no symbols.</param>
/// <param name="HoldingsPath">The holdings CSV, or <c>-</c> for standard input.</param>
/// <param name="BaseCurrency">Three upper-case letters.</param>
/// <param name="Strict">A bad row stops the run before any request.</param>
/// <param name="PlotPath">--plot: null for no picture.</param>
internal sealed record PortfolioSettings(
    SharedSettings Shared,
    string HoldingsPath,
    string BaseCurrency,
    bool Strict,
    PortfolioSort Sort,
    string? PlotPath
)
{
    public OutputFormat Format => Shared.Format ?? OutputFormat.Csv;

    /// <summary>--watch: null for one valuation.</summary>
    public TimeSpan? Watch { get; init; }

    /// <summary>--rounds: null for until Ctrl+C.</summary>
    public int? Rounds { get; init; }
}
