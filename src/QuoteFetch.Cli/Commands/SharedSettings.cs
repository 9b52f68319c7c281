namespace QuoteFetch.Cli;

/// <summary>What every subcommand's shared options asked for, bound and checked.</summary>
/// <param name="Format">Null when --format was not given: each subcommand has its own default.</param>
internal sealed record SharedSettings(
    IReadOnlyList<string> Symbols,
    OutputFormat? Format,
    OutputOrder Order,
    bool Verbose,
    QuoteClientOptions ClientOptions
);
