using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace QuoteFetch;

/// <summary>Builds the one <see cref="HttpClient"/>: a pooled socket handler under a Polly resilience pipeline.</summary>
internal static class HttpPipeline
{
    public static readonly ResiliencePropertyKey<string> SymbolKey = new("QuoteFetch.Symbol");

    public static HttpClient CreateClient(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
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
        var resilience = new ResilienceHandler(CreatePipeline(options, timeProvider, logger)) { InnerHandler = sockets };
        var client = new HttpClient(resilience, disposeHandler: true)
        {
            // Timeouts are the pipeline's job, per attempt; HttpClient's own would cut across retries.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json");
        return client;
    }

    internal static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        QuoteClientOptions options,
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
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    MaxDelay = TimeSpan.FromSeconds(30),
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
        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex
            ? ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal) + ": " + ex.Message
            : $"HTTP {(int)outcome.Result!.StatusCode}";
}
