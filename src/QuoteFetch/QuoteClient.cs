using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QuoteFetch;

/// <summary>
/// Fetches prices for many symbols at once over one pooled <see cref="HttpClient"/>.
/// Every requested symbol yields exactly one <see cref="QuoteResult"/>, also on failure or cancellation.
/// </summary>
public sealed partial class QuoteClient : IDisposable
{
    // The client is a facade: the engine runs the batch, the query says how to ask for and read a price.
    private readonly BatchEngine _engine;
    private readonly QuoteQuery _quotes;
    private readonly TimeProvider _timeProvider;
    private readonly Telemetry _telemetry;

    /// <summary>Creates a client and its connection pool, with retries, pauses, rate limit and timeouts.</summary>
    /// <param name="options">How to reach the source; the defaults reach Yahoo. Copied: changing it later changes nothing here.</param>
    /// <param name="logger">Receives a line per request sent and per result received.</param>
    /// <param name="timeProvider">The clock for retries, timeouts and elapsed times.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public QuoteClient(
        QuoteClientOptions? options = null,
        ILogger<QuoteClient>? logger = null,
        TimeProvider? timeProvider = null
    )
    {
        options = Checked(options ?? new QuoteClientOptions());
        _timeProvider = timeProvider ?? TimeProvider.System;
        var log = logger ?? (ILogger)NullLogger.Instance;
        _telemetry = new Telemetry(this);
        _engine = new BatchEngine(
            options,
            new HttpPipeline(options, _timeProvider, log),
            _timeProvider,
            log,
            _telemetry
        );
        _quotes = new QuoteQuery(_engine.Requests);
    }

    /// <summary>
    /// Creates a client that sends over <paramref name="httpClient"/>, with the same retries, pauses, rate limit and
    /// per-attempt timeouts as the other constructor, run around the client so that its handlers see every attempt.
    /// </summary>
    /// <param name="httpClient">
    /// Sends each attempt. The caller owns it and its handlers: disposing this client leaves it open. Its
    /// <see cref="HttpClient.BaseAddress"/> is not used (requests go to <see cref="QuoteClientOptions.BaseAddress"/>);
    /// its <see cref="HttpClient.Timeout"/>, if shorter than <see cref="QuoteClientOptions.Timeout"/>, cuts each
    /// attempt shorter; its handlers decide whether redirects are followed and how many connections are opened.
    /// </param>
    /// <param name="options">How to reach the source. Copied: changing it later changes nothing here.</param>
    /// <param name="timeProvider">The clock for retries, timeouts and elapsed times.</param>
    /// <param name="logger">Receives a line per request sent and per result received.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public QuoteClient(
        HttpClient httpClient,
        QuoteClientOptions options,
        TimeProvider? timeProvider = null,
        ILogger<QuoteClient>? logger = null
    )
        : this(httpClient, Checked(options), throttle: null, timeProvider, logger) { }

    /// <param name="httpClient">Sends each attempt; never disposed here.</param>
    /// <param name="options">Checked options, this client's own copy.</param>
    /// <param name="throttle">The pause and rate limit shared with other clients, or null for this client's own.</param>
    /// <param name="timeProvider">The clock, or null for the system's.</param>
    /// <param name="logger">The logger, or null for none.</param>
    internal QuoteClient(
        HttpClient httpClient,
        QuoteClientOptions options,
        SourceThrottle? throttle,
        TimeProvider? timeProvider,
        ILogger? logger
    )
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _timeProvider = timeProvider ?? TimeProvider.System;
        var log = logger ?? NullLogger.Instance;
        var pipeline = new HttpPipeline(
            httpClient,
            ownsClient: false,
            options,
            throttle ?? new SourceThrottle(options, _timeProvider, log),
            ownsThrottle: throttle is null,
            _timeProvider,
            log
        );
        _telemetry = new Telemetry(this);
        _engine = new BatchEngine(options, pipeline, _timeProvider, log, _telemetry);
        _quotes = new QuoteQuery(_engine.Requests);
    }

    // The copy is what is checked and used: a change to the caller's object after this point cannot slip past.
    internal static QuoteClientOptions Checked(QuoteClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Copy();
        copy.Validate();
        return copy;
    }

    /// <summary>The distinct symbols a request for <paramref name="symbols"/> covers, trimmed and upper-cased, in input order.</summary>
    /// <param name="symbols">Symbols as a user typed them.</param>
    /// <returns>The symbols each result will carry, first occurrence first.</returns>
    public static IReadOnlyList<string> NormalizeSymbols(IEnumerable<string> symbols) =>
        SymbolParser.Parse(symbols).ConvertAll(input => input.Text);

    /// <summary>Fetches all symbols and returns the results in input order (repeats removed).</summary>
    /// <param name="symbols">The symbols to price.</param>
    /// <param name="cancellationToken">Stops the batch; the symbols still open end as <see cref="QuoteErrorKind.Cancelled"/>.</param>
    /// <returns>One result per distinct symbol.</returns>
    public async Task<IReadOnlyList<QuoteResult>> GetQuotesInOrderAsync(
        IEnumerable<string> symbols,
        CancellationToken cancellationToken = default
    )
    {
        return await InInputOrderAsync(_quotes, symbols, cancellationToken).ConfigureAwait(false);
    }

    // The engine yields each result with its input position: every query's in-order variant is this one loop.
    private async Task<TResult[]> InInputOrderAsync<TResult>(
        IChartQuery<TResult> query,
        IEnumerable<string> symbols,
        CancellationToken cancellationToken
    )
        where TResult : class
    {
        var inputs = SymbolParser.Parse(symbols);
        var results = new TResult[inputs.Count];
        await foreach (var (index, result) in _engine.RunAsync(query, inputs, cancellationToken).ConfigureAwait(false))
        {
            results[index] = result;
        }
        return results;
    }

    /// <summary>Fetches one symbol.</summary>
    /// <param name="symbol">The symbol to price.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>Its result.</returns>
    public async Task<QuoteResult> GetQuoteAsync(string symbol, CancellationToken cancellationToken = default) =>
        (await GetQuotesInOrderAsync([symbol], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Why the most recent batch stopped early because the source could not be reached (the first of the
    /// connection-level failures in a row that stopped it, e.g. a refused or reset connection, a DNS or TLS failure),
    /// or <see langword="null"/> when it did not.
    /// The symbols not sent then end as <see cref="QuoteErrorKind.Network"/>.
    /// </summary>
    public string? UnreachableReason => _engine.UnreachableReason;

    /// <inheritdoc />
    public void Dispose()
    {
        _engine.Dispose();
        _telemetry.Dispose();
    }
}
