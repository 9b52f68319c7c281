using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace QuoteFetch;

/// <summary>
/// How fast the source may be asked: the batch-wide pause (<see cref="RateLimitGate"/>) and the client-side rate
/// limiter. It lives outside any <see cref="HttpMessageHandler"/>, so a handler chain that is rebuilt (as
/// IHttpClientFactory does every two minutes) neither loses a running pause nor starts a second rate limit. A client
/// built by hand has its own; the clients one service container hands out share one.
/// </summary>
internal sealed class SourceThrottle : IDisposable
{
    public SourceThrottle(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Gate = new RateLimitGate(timeProvider, options.RetryDelay, options.MaxRetryAfter, logger);
        if (options.RequestsPerSecond is { } rate)
        {
            RateLimiter = CreateRateLimiter(rate);
        }
    }

    public RateLimitGate Gate { get; }

    public RateLimiter? RateLimiter { get; }

    public void Dispose() => RateLimiter?.Dispose();

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
}
