namespace QuoteFetch.Cli;

/// <summary>Everything <c>quotefetch history</c> was asked for, bound and checked.</summary>
/// <param name="Shared">Symbols, format (already defaulted), order, -v and the client options.</param>
/// <param name="OutputPath">-o: null for standard output; may contain {symbol}.</param>
/// <param name="PlotPath">--plot: null for no picture.</param>
internal sealed record HistorySettings(
    SharedSettings Shared,
    HistoryRequest Request,
    bool Wide,
    bool Exact,
    string? OutputPath,
    string? PlotPath
)
{
    public OutputFormat Format => Shared.Format ?? OutputFormat.Csv;
}
