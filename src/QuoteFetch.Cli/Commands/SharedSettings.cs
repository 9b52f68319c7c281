namespace QuoteFetch.Cli;

/// <summary>What every subcommand's shared options asked for, bound and checked.</summary>
/// <param name="Format">--format; null when not given: each subcommand has its own default.</param>
/// <param name="DefaultFormat">QUOTEFETCH_FORMAT when --format was not given; below what a subcommand infers (-o's extension).</param>
internal sealed record SharedSettings(
    IReadOnlyList<string> Symbols,
    OutputFormat? Format,
    OutputFormat? DefaultFormat,
    OutputOrder Order,
    bool Verbose,
    QuoteClientOptions ClientOptions
)
{
    /// <summary>--no-cache: neither read nor write the cache this run.</summary>
    public bool NoCache { get; init; }

    /// <summary>--format, else QUOTEFETCH_FORMAT, else a table for a terminal and CSV for anything else.</summary>
    public OutputFormat FormatFor(bool terminal) =>
        Format ?? DefaultFormat ?? (terminal ? OutputFormat.Table : OutputFormat.Csv);
}
