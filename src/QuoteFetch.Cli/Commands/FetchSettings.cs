namespace QuoteFetch.Cli;

/// <summary>Everything the command line asked for, bound and checked.</summary>
internal sealed record FetchSettings(
    IReadOnlyList<string> Symbols,
    OutputFormat Format,
    OutputOrder Order,
    int? Decimals,
    bool Verbose,
    QuoteClientOptions ClientOptions,
    TimeSpan? Watch = null,
    int? Rounds = null
);
