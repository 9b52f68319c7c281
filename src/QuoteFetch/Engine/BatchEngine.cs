using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;

namespace QuoteFetch;

/// <summary>
/// Asks one <see cref="IChartQuery{TResult}"/> of many symbols over one pooled <see cref="HttpClient"/>: at most
/// <see cref="QuoteClientOptions.MaxConcurrency"/> at once, within the run's deadline, stopping early when the source
/// is unreachable. Every input yields exactly one result, with its input position, in completion order. The one
/// per-symbol boundary lives here: whatever happens while one symbol is fetched becomes its result.
/// </summary>
internal sealed class BatchEngine : IDisposable
{
    internal const string CancelledMessage = "stopped before an answer arrived";
    internal const string DeadlineMessage = "the run's deadline passed before an answer arrived";
    internal const string NotSentMessage = "not sent: the source was unreachable";

    // A Location is upstream text: enough of it to recognise, never a whole page.
    private const int MaxLocationLength = 120;

    private readonly QuoteClientOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Telemetry _telemetry;

    /// <param name="options">Validated options, not changed later.</param>
    /// <param name="pipeline">Sends each request, with retries, pauses and timeouts; disposed with the engine.</param>
    /// <param name="timeProvider">The clock for the deadline, retries, timeouts and elapsed times.</param>
    /// <param name="logger">Receives a line per request sent and per result received.</param>
    /// <param name="telemetry">Records each batch, symbol and retry (owned by the caller).</param>
    public BatchEngine(
        QuoteClientOptions options,
        HttpPipeline pipeline,
        TimeProvider timeProvider,
        ILogger logger,
        Telemetry telemetry
    )
    {
        _options = options;
        _pipeline = pipeline;
        _timeProvider = timeProvider;
        _logger = logger;
        _telemetry = telemetry;
        Requests = new ChartRequestFactory(options.BaseAddress, options.HttpVersion);
    }

    /// <summary>Builds chart requests under the base address, for the queries run here.</summary>
    public ChartRequestFactory Requests { get; }

    /// <summary>Why the most recent batch stopped early because the source could not be reached, or null.</summary>
    public string? UnreachableReason { get; private set; }

    /// <summary>The limit of one run (<see cref="QuoteClientOptions.Deadline"/>), or null: for callers of several rounds.</summary>
    public TimeSpan? Deadline => _options.Deadline;

    public void Dispose() => _pipeline.Dispose();

    /// <summary>
    /// Runs <paramref name="query"/> for every input and yields each result with its input index as soon as it is
    /// ready. Invalid symbols come first, without a request. Cancelled, past the deadline or stopped early, the
    /// sequence still ends normally with a result for each input still open.
    /// </summary>
    public async IAsyncEnumerable<(int Index, TResult Result)> RunAsync<TResult>(
        IChartQuery<TResult> query,
        List<SymbolInput> inputs,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
        where TResult : class
    {
        var delivered = new bool[inputs.Count];
        foreach (var input in inputs)
        {
            if (!input.IsValid)
            {
                delivered[input.Index] = true;
                yield return (input.Index, query.Failure(input.Text, QuoteErrorKind.InvalidSymbol, input.Problem!));
            }
        }

        _telemetry.SymbolsAsked(query.Name, inputs.Count);
        // Started before the requests, so each symbol's activity (and HttpClient's under it) is its child.
        using var activity = Telemetry.Source.StartActivity("quotefetch.batch");
        activity?.SetTag("quotefetch.query", query.Name);
        activity?.SetTag("quotefetch.symbol.count", inputs.Count);
        using var deadline = _options.Deadline is { } limit ? new CancellationTokenSource(limit, _timeProvider) : null;
        using var run = deadline is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var valid = inputs.Count(input => input.IsValid);
        var batch = new Batch(
            Batch.ProbesFor(_options.MaxConcurrency, valid),
            run,
            _timeProvider.GetUtcNow() + _options.Deadline
        );
        // Bounded: when the caller reads slower than the source answers (a writer behind 100 fetchers), fetchers wait
        // instead of piling finished results up in memory; at most MaxConcurrency results wait here.
        var arrived = Channel.CreateBounded<(int, TResult)>(
            new BoundedChannelOptions(_options.MaxConcurrency)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            }
        );
        using var readerGone = new CancellationTokenSource();
        var pump = PumpAsync(query, inputs, batch, arrived.Writer, run.Token, readerGone.Token);
        try
        {
            await foreach (var item in arrived.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                delivered[item.Item1] = true;
                yield return item;
            }
        }
        finally
        {
            // Also reached when the caller stops early: stop the requests still running, then release the fetchers
            // waiting to hand over a result nobody will read. (On Ctrl+C or the deadline the reader goes on reading,
            // so every result already fetched still arrives.)
            await run.CancelAsync().ConfigureAwait(false);
            await readerGone.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        UnreachableReason = batch.UnreachableReason;
        var (kind, message) =
            cancellationToken.IsCancellationRequested ? (QuoteErrorKind.Cancelled, CancelledMessage)
            : batch.UnreachableReason is { } reason ? (QuoteErrorKind.Network, $"{NotSentMessage}: {reason}")
            : (QuoteErrorKind.Timeout, DeadlineMessage);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!delivered[i])
            {
                yield return (i, query.Failure(inputs[i].Text, kind, message));
            }
        }
    }

    private async Task PumpAsync<TResult>(
        IChartQuery<TResult> query,
        List<SymbolInput> inputs,
        Batch batch,
        ChannelWriter<(int, TResult)> arrived,
        CancellationToken run,
        CancellationToken readerGone
    )
        where TResult : class
    {
        try
        {
            await Parallel
                .ForEachAsync(
                    inputs.Where(input => input.IsValid),
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = run },
                    async (input, token) =>
                    {
                        var (result, cancelled) = await FetchAsync(query, input.Symbol, batch, token)
                            .ConfigureAwait(false);
                        if (cancelled)
                        {
                            return; // the reader marks it: cancelled, unreachable or past the deadline
                        }
                        await arrived.WriteAsync((input.Index, result), readerGone).ConfigureAwait(false);
                    }
                )
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Symbols never started are marked by the reader.
        }
        finally
        {
            arrived.TryComplete();
        }
    }

    private async Task<(TResult Result, bool Cancelled)> FetchAsync<TResult>(
        IChartQuery<TResult> query,
        Symbol symbol,
        Batch batch,
        CancellationToken cancellationToken
    )
        where TResult : class
    {
        var started = _timeProvider.GetTimestamp();
        using var activity = Telemetry.Source.StartActivity("quotefetch.fetch");
        activity?.SetTag("quotefetch.symbol", symbol.Value);
        Log.MakingRequest(_logger, symbol.Value);
        var attempts = new FetchAttempts(_telemetry);
        var outcome = await SendAsync(query, symbol, batch, attempts, cancellationToken).ConfigureAwait(false);
        var kind =
            outcome.Cancelled ? "cancelled"
            : query.ErrorOf(outcome.Result) is { } error ? error.Kind.ToWireName()
            : "ok";
        var elapsed = _timeProvider.GetElapsedTime(started);
        _telemetry.Fetched(query.Name, kind, elapsed);
        activity?.SetTag("quotefetch.outcome", kind);
        activity?.SetTag("quotefetch.attempts", attempts.Count);
        if (kind != "ok")
        {
            activity?.SetStatus(ActivityStatusCode.Error, kind);
        }
        Log.ReceivedResults(_logger, symbol.Value, kind, (long)elapsed.TotalMilliseconds);
        return outcome;
    }

    // The per-symbol boundary: whatever happens while this symbol is fetched becomes its result, never the batch's end.
    private async Task<(TResult Result, bool Cancelled)> SendAsync<TResult>(
        IChartQuery<TResult> query,
        Symbol symbol,
        Batch batch,
        FetchAttempts attempts,
        CancellationToken cancellationToken
    )
        where TResult : class
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpPipeline.SymbolKey, symbol.Value);
        context.Properties.Set(FetchAttempts.Key, attempts);
        if (batch.DeadlineAt is { } deadlineAt)
        {
            context.Properties.Set(HttpPipeline.DeadlineKey, deadlineAt);
        }
        var answered = false;
        try
        {
            using var response = await _pipeline
                .SendAsync(() => query.CreateRequest(symbol), context)
                .ConfigureAwait(false);
            answered = true;
            batch.Answered();
            if (Refused(query, symbol, response, context) is { } refused)
            {
                return (refused, false);
            }
            // The body is in memory already: the pipeline read it within the attempt, under its timeout.
            var result = await query
                .ReadAsync(symbol.Value, response, _options.MaxRetries + 1, cancellationToken)
                .ConfigureAwait(false);
            return (result, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (query.Failure(symbol.Value, QuoteErrorKind.Cancelled, CancelledMessage), true);
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
            return (query.Failure(symbol.Value, kind, message), false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Answers that are not read, whatever the query: a redirect (never followed) and a wait longer than allowed.
    private TResult? Refused<TResult>(
        IChartQuery<TResult> query,
        Symbol symbol,
        HttpResponseMessage response,
        ResilienceContext context
    )
        where TResult : class
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.TryGetValues("Location", out var values)
                ? FailureClassifier.Clean(string.Join(", ", values), MaxLocationLength)
                : "none";
            return query.Failure(
                symbol.Value,
                QuoteErrorKind.Http,
                $"HTTP {status} {FailureClassifier.Clean(response.ReasonPhrase ?? "", MaxLocationLength)}: "
                    + $"redirects are not followed (Location: {location})"
            );
        }
        if (_pipeline.WaitRefused(response, context) is { } why)
        {
            return query.Failure(
                symbol.Value,
                response.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                    ? QuoteErrorKind.RateLimited
                    : QuoteErrorKind.Http,
                $"HTTP {status}: {why}"
            );
        }
        return null;
    }
}
