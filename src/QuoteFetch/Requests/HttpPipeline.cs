using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace QuoteFetch;

/// <summary>
/// The one <see cref="HttpClient"/> and what it owns: retry → batch-wide pause → rate limit → attempt timeout (Polly),
/// then the handler that reads the body within the attempt, the handler that watches for 429/503, then one pooled
/// socket handler. Waiting for a pause or for the rate
/// limiter happens before the attempt's timeout starts, so it never uses up an attempt's time.
/// </summary>
internal sealed class HttpPipeline : IDisposable
{
    public static readonly ResiliencePropertyKey<string> SymbolKey = new("QuoteFetch.Symbol");

    /// <summary>When the run's deadline passes, if it has one: a wait asked for past it is not waited.</summary>
    public static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("QuoteFetch.Deadline");

    // The exponential backoff stops growing here; waiting longer is what --deadline decides, not the retry.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly RateLimiter? _rateLimiter;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxRetryAfter;

    public HttpPipeline(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _maxRetryAfter = options.MaxRetryAfter;
        if (options.RequestsPerSecond is { } rate)
        {
            _rateLimiter = CreateRateLimiter(rate);
        }
        var gate = CreateGate(options, timeProvider, logger);
        gate.InnerHandler = CreatePrimaryHandler(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        AddResilience(builder, options, gate, _rateLimiter, timeProvider, logger);
        var body = new BodyBufferHandler { InnerHandler = gate };
        var resilience = new ResilienceHandler(builder.Build()) { InnerHandler = body };
        Client = new HttpClient(resilience, disposeHandler: true)
        {
            // Timeouts are the pipeline's job, per attempt; HttpClient's own would cut across retries.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        Client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json");
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _rateLimiter?.Dispose();
    }

    // A token bucket refilled one token at a time, so "5 per second" means one every 200 ms, not bursts of 5.
    internal static TokenBucketRateLimiter CreateRateLimiter(double requestsPerSecond) =>
        new(
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / requestsPerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }
        );

    internal static RateLimitGate CreateGate(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger) =>
        new(timeProvider, options.RetryDelay, options.MaxRetryAfter, logger);

    internal static SocketsHttpHandler CreatePrimaryHandler(QuoteClientOptions options) =>
        new()
        {
            // One pool for the whole batch, as wide as the concurrency: every request reuses these connections.
            MaxConnectionsPerServer = options.MaxConcurrency,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            // Redirects are never followed: the chart API does not redirect, and following one could leave the
            // source (another host, port or scheme) or the chart path. A 3xx is that symbol's http error.
            AllowAutoRedirect = false,
        };

    /// <summary>
    /// The resilience strategies, in order: retry → batch-wide pause (<paramref name="gate"/>) → rate limiter → attempt
    /// timeout. The same method builds the pipeline for any host (the client here, or an HttpClientFactory), with
    /// <paramref name="gate"/> also placed as the handler under it, where it sees every answer.
    /// </summary>
    internal static void AddResilience(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        QuoteClientOptions options,
        RateLimitGate gate,
        RateLimiter? rateLimiter,
        TimeProvider timeProvider,
        ILogger logger
    )
    {
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(
                new HttpRetryStrategyOptions
                {
                    // Transient only: 408, 429, 5xx, refused or reset connections and attempt timeouts; never a DNS,
                    // TLS or HTTP-version failure (trying again cannot heal it), nor a wait longer than allowed.
                    ShouldHandle = args =>
                        ValueTask.FromResult(
                            !FailureClassifier.CannotHeal(args.Outcome.Exception)
                                && (
                                    args.Outcome.Result is not { } response
                                    || WaitRefused(response, args.Context, options.MaxRetryAfter, timeProvider) is null
                                )
                                && !args.Context.CancellationToken.IsCancellationRequested
                                && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        ),
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    MaxDelay = MaxBackoff,
                    // Our own Retry-After reading: within the cap (checked above), never a delay out of range.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args =>
                        ValueTask.FromResult(
                            args.Outcome.Result is { } response
                                ? RateLimitGate.RetryAfter(response.Headers, timeProvider)
                                : null
                        ),
                    OnRetry = args =>
                    {
                        if (args.Context.Properties.TryGetValue(FetchAttempts.Key, out var attempts))
                        {
                            attempts.Retried(
                                args.Outcome.Exception is { } failure
                                    ? FailureClassifier.Classify(failure, options.Timeout).Kind.ToWireName()
                                    : $"http-{(int)args.Outcome.Result!.StatusCode}"
                            );
                        }
                        if (logger.IsEnabled(LogLevel.Information))
                        {
                            var symbol = args.Context.Properties.GetValue(SymbolKey, "?");
                            var attempt = args.AttemptNumber + 2; // the attempt about to start, counting from 1
                            var reason = args.Outcome.Exception is { } ex
                                ? FailureClassifier.Reason(ex, options.Timeout)
                                : $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                            var delay = Seconds.Of(args.RetryDelay);
                            Log.Retrying(logger, symbol, attempt, options.MaxRetries + 1, reason, delay);
                        }
                        return default;
                    },
                }
            );
        }
        builder.AddStrategy(_ => new PauseStrategy(gate));
        if (rateLimiter is not null)
        {
            builder.AddRateLimiter(rateLimiter);
        }
        builder.AddTimeout(options.Timeout);
    }

    /// <summary>
    /// Why a 429 or 503 whose <c>Retry-After</c> asks for more than the cap (or for more than is left before the
    /// run's deadline) is not waited for, or null when it may be.
    /// </summary>
    public string? WaitRefused(HttpResponseMessage response, ResilienceContext context) =>
        WaitRefused(response, context, _maxRetryAfter, _timeProvider);

    private static string? WaitRefused(
        HttpResponseMessage response,
        ResilienceContext context,
        TimeSpan maxRetryAfter,
        TimeProvider timeProvider
    )
    {
        if (
            response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || RateLimitGate.RetryAfterAsked(response.Headers, timeProvider) is not (var wait, var seconds)
        )
        {
            return null;
        }
        var asked = $"the source asked to wait {seconds} s (Retry-After)";
        if (wait > maxRetryAfter)
        {
            return $"{asked}, more than the {Seconds.Of(maxRetryAfter)} s cap";
        }
        if (context.Properties.TryGetValue(DeadlineKey, out var deadline) && timeProvider.GetUtcNow() + wait > deadline)
        {
            return $"{asked}, past the run's deadline";
        }
        return null;
    }
}
