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

    /// <summary>Creates a client and its connection pool.</summary>
    /// <param name="options">How to reach the source; the defaults reach Yahoo.</param>
    /// <param name="logger">Receives a line per request sent and per result received.</param>
    /// <param name="timeProvider">The clock for retries, timeouts and elapsed times.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public QuoteClient(
        QuoteClientOptions? options = null,
        ILogger<QuoteClient>? logger = null,
        TimeProvider? timeProvider = null
    )
    {
        options ??= new QuoteClientOptions();
        options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _telemetry = new Telemetry(this);
        _engine = new BatchEngine(options, _timeProvider, logger ?? (ILogger)NullLogger.Instance, _telemetry);
        _quotes = new QuoteQuery(_engine.Requests);
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
