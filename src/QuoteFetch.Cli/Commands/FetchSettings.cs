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
)
{
    /// <summary>--no-cache: neither read nor write the cache this run.</summary>
    public bool NoCache { get; init; }

    /// <summary>--max-age: serve a cached quote younger than this; null: the age its answer allowed.</summary>
    public TimeSpan? MaxAge { get; init; }
}
