using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace QuoteFetch;

/// <summary>
/// Fetches prices for many symbols at once over one pooled <see cref="HttpClient"/>.
/// Every requested symbol yields exactly one <see cref="QuoteResult"/>, also on failure or cancellation.
/// </summary>
public sealed partial class QuoteClient : IDisposable
{
    private readonly QuoteClientOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly ChartRequestFactory _requests;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

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
        _options = options ?? new QuoteClientOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _requests = new ChartRequestFactory(_options.BaseAddress, _options.HttpVersion);
        _pipeline = new HttpPipeline(_options, _timeProvider, _logger);
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
        var inputs = SymbolParser.Parse(symbols);
        var results = new QuoteResult[inputs.Count];
        await foreach (var (index, result) in FetchAllAsync(inputs, cancellationToken).ConfigureAwait(false))
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

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();

    private async Task<QuoteResult> FetchAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.MakingRequest(_logger, symbol.Value);
        var result = await SendAsync(symbol, cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var outcome = result.Error is { } error ? error.Kind.ToWireName() : "ok";
            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.ReceivedResults(_logger, symbol.Value, outcome, elapsedMs);
        }
        return result;
    }

    private async Task<QuoteResult> SendAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpPipeline.SymbolKey, symbol.Value);
        try
        {
            using var request = _requests.Create(symbol);
            request.SetResilienceContext(context);
            using var response = await _pipeline
                .Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            // The pipeline's timeout ends with the headers; the body gets the same allowance of its own.
            using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bodyTimeout.CancelAfter(_options.Timeout);
            try
            {
                return await ChartResponseReader
                    .ReadAsync(symbol.Value, response, bodyTimeout.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TimedOut(symbol);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return QuoteResult.Failure(symbol.Value, QuoteErrorKind.Cancelled, CancelledMessage);
        }
        catch (TimeoutRejectedException)
        {
            return TimedOut(symbol);
        }
        catch (HttpRequestException ex)
        {
            return QuoteResult.Failure(symbol.Value, QuoteErrorKind.Network, ex.Message);
        }
        catch (IOException ex)
        {
            // HttpIOException and friends: the connection died while the body was on its way.
            return QuoteResult.Failure(
                symbol.Value,
                QuoteErrorKind.Network,
                $"the connection failed while reading the body ({ex.Message})"
            );
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private QuoteResult TimedOut(Symbol symbol) =>
        QuoteResult.Failure(
            symbol.Value,
            QuoteErrorKind.Timeout,
            $"no complete answer within {_options.Timeout.TotalSeconds:0.###} s; raise --timeout if the source is slow"
        );

    internal const string CancelledMessage = "cancelled before a price arrived";
    internal const string DeadlineMessage = "the run's deadline passed before a price arrived";
}
