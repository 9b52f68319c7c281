using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

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

    /// <summary>
    /// Why the most recent batch stopped early because the source could not be reached (the first of the
    /// connection-level failures in a row that stopped it, e.g. a refused or reset connection, a DNS or TLS failure),
    /// or <see langword="null"/> when it did not.
    /// The symbols not sent then end as <see cref="QuoteErrorKind.Network"/>.
    /// </summary>
    public string? UnreachableReason { get; private set; }

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();

    private async Task<QuoteResult> FetchAsync(Symbol symbol, Batch batch, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.MakingRequest(_logger, symbol.Value);
        var result = await SendAsync(symbol, batch, cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var outcome = result.Error is { } error ? error.Kind.ToWireName() : "ok";
            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.ReceivedResults(_logger, symbol.Value, outcome, elapsedMs);
        }
        return result;
    }

    // The per-symbol boundary: whatever happens while this symbol is fetched becomes its result, never the batch's end.
    private async Task<QuoteResult> SendAsync(Symbol symbol, Batch batch, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpPipeline.SymbolKey, symbol.Value);
        if (batch.DeadlineAt is { } deadlineAt)
        {
            context.Properties.Set(HttpPipeline.DeadlineKey, deadlineAt);
        }
        var answered = false;
        try
        {
            using var request = _requests.Create(symbol);
            request.SetResilienceContext(context);
            using var response = await _pipeline
                .Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            answered = true;
            batch.Answered();
            if (Refused(symbol, response, context) is { } refused)
            {
                return refused;
            }
            // The body is in memory already: the pipeline read it within the attempt, under its timeout.
            return await ChartResponseReader
                .ReadAsync(symbol.Value, response, _options.MaxRetries + 1, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return QuoteResult.Failure(symbol.Value, QuoteErrorKind.Cancelled, CancelledMessage);
        }
#pragma warning disable CA1031 // Any exception is this symbol's failure, classified in one place.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var (kind, message) = FailureClassifier.Classify(ex, _options.Timeout);
            if (!answered && FailureClassifier.IsConnectionLevel(ex))
            {
                batch.ConnectionFailed(message);
            }
            return QuoteResult.Failure(symbol.Value, kind, message);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Answers that are not read: a redirect (never followed) and a wait longer than allowed.
    private QuoteResult? Refused(Symbol symbol, HttpResponseMessage response, ResilienceContext context)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.TryGetValues("Location", out var values)
                ? FailureClassifier.Clean(string.Join(", ", values), MaxLocationLength)
                : "none";
            return QuoteResult.Failure(
                symbol.Value,
                QuoteErrorKind.Http,
                $"HTTP {status} {FailureClassifier.Clean(response.ReasonPhrase ?? "", MaxLocationLength)}: "
                    + $"redirects are not followed (Location: {location})"
            );
        }
        if (_pipeline.WaitRefused(response, context) is { } why)
        {
            return QuoteResult.Failure(
                symbol.Value,
                response.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                    ? QuoteErrorKind.RateLimited
                    : QuoteErrorKind.Http,
                $"HTTP {status}: {why}"
            );
        }
        return null;
    }

    // A Location is upstream text: enough of it to recognise, never a whole page.
    private const int MaxLocationLength = 120;

    internal const string CancelledMessage = "stopped before a price arrived";
    internal const string DeadlineMessage = "the run's deadline passed before a price arrived";
}
