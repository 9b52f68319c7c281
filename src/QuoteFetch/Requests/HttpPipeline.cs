using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace QuoteFetch;

/// <summary>
/// The one <see cref="HttpClient"/> and what it owns: retry → rate limit → attempt timeout (Polly), then the
/// batch-wide rate-limit gate, then one pooled socket handler.
/// </summary>
internal sealed class HttpPipeline : IDisposable
{
    public static readonly ResiliencePropertyKey<string> SymbolKey = new("QuoteFetch.Symbol");

    // The exponential backoff stops growing here; waiting longer is what --deadline decides, not the retry.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly RateLimiter? _rateLimiter;

    public HttpPipeline(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sockets = new SocketsHttpHandler
        {
            // One pool for the whole batch, as wide as the concurrency: every request reuses these connections.
            MaxConnectionsPerServer = options.MaxConcurrency,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
        };
        if (options.RequestsPerSecond is { } rate)
        {
            _rateLimiter = CreateRateLimiter(rate);
        }
        var gate = new RateLimitGate(timeProvider, options.RetryDelay, logger) { InnerHandler = sockets };
        var resilience = new ResilienceHandler(CreateResilience(options, _rateLimiter, timeProvider, logger))
        {
            InnerHandler = gate,
        };
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

    private static ResiliencePipeline<HttpResponseMessage> CreateResilience(
        QuoteClientOptions options,
        RateLimiter? rateLimiter,
        TimeProvider timeProvider,
        ILogger logger
    )
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(
                new HttpRetryStrategyOptions
                {
                    // Transient only: 408, 429, 5xx, HttpRequestException (refused, reset) and attempt timeouts.
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    MaxDelay = MaxBackoff,
                    ShouldRetryAfterHeader = true,
                    OnRetry = args =>
                    {
                        if (logger.IsEnabled(LogLevel.Information))
                        {
                            var symbol = args.Context.Properties.GetValue(SymbolKey, "?");
                            var attempt = args.AttemptNumber + 2; // the attempt about to start, counting from 1
                            var reason = Describe(args.Outcome);
                            var delayMs = (long)args.RetryDelay.TotalMilliseconds;
                            Log.Retrying(logger, symbol, attempt, options.MaxRetries + 1, reason, delayMs);
                        }
                        return default;
                    },
                }
            );
        }
        if (rateLimiter is not null)
        {
            builder.AddRateLimiter(rateLimiter);
        }
        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex
            ? ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal) + ": " + ex.Message
            : $"HTTP {(int)outcome.Result!.StatusCode}";
}
