using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace QuoteFetch;

/// <summary>
/// The one way QuoteFetch sends a chart request, whoever owns the <see cref="HttpClient"/>: retry → batch-wide pause →
/// rate limit → attempt timeout (Polly), and inside the attempt one <see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>,
/// the <see cref="RateLimitGate"/> watching the answer for 429/503, and the body read into memory. Waiting for a pause
/// or for the rate limiter happens before the attempt's timeout starts, so it never uses up an attempt's time. The
/// pipeline runs around the client rather than inside its handlers, so a client built by hand, one passed in by the
/// caller and one from IHttpClientFactory all get the same strategies in the same order, and every handler of the
/// client (the host's included) sees each attempt.
/// </summary>
internal sealed class HttpPipeline : IDisposable
{
    public static readonly ResiliencePropertyKey<string> SymbolKey = new("QuoteFetch.Symbol");

    /// <summary>When the run's deadline passes, if it has one: a wait asked for past it is not waited.</summary>
    public static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("QuoteFetch.Deadline");

    // The exponential backoff stops growing here; waiting longer is what --deadline decides, not the retry.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly SourceThrottle _throttle;
    private readonly bool _ownsThrottle;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;
    private readonly string _userAgent;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxRetryAfter;

    /// <summary>The client's own connection pool and throttle, both disposed with it.</summary>
    public HttpPipeline(QuoteClientOptions options, TimeProvider timeProvider, ILogger logger)
        : this(
            CreateClient(options),
            ownsClient: true,
            options,
            new SourceThrottle(options, timeProvider, logger),
            ownsThrottle: true,
            timeProvider,
            logger
        ) { }

    /// <param name="client">Sends each attempt; disposed here only when <paramref name="ownsClient"/>.</param>
    /// <param name="ownsClient">Whether disposing the pipeline disposes <paramref name="client"/>.</param>
    /// <param name="options">Validated options, not changed later.</param>
    /// <param name="throttle">The pause and rate limit, perhaps shared with other pipelines.</param>
    /// <param name="ownsThrottle">Whether disposing the pipeline disposes <paramref name="throttle"/>.</param>
    /// <param name="timeProvider">The clock for retries, pauses and timeouts.</param>
    /// <param name="logger">Receives a line per retry.</param>
    public HttpPipeline(
        HttpClient client,
        bool ownsClient,
        QuoteClientOptions options,
        SourceThrottle throttle,
        bool ownsThrottle,
        TimeProvider timeProvider,
        ILogger logger
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _ownsClient = ownsClient;
        _throttle = throttle;
        _ownsThrottle = ownsThrottle;
        _userAgent = options.UserAgent;
        _timeProvider = timeProvider;
        _maxRetryAfter = options.MaxRetryAfter;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        AddResilience(builder, options, throttle.Gate, throttle.RateLimiter, timeProvider, logger);
        _resilience = builder.Build();
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
        if (_ownsThrottle)
        {
            _throttle.Dispose();
        }
    }

    /// <summary>
    /// Sends a request made by <paramref name="createRequest"/> (a new one per attempt: a request message is sent
    /// once) through the strategies, and returns the last attempt's answer with its body in memory when it has one to
    /// read. A failure the strategies give up on is thrown.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest,
        ResilienceContext context
    ) =>
        await _resilience
            .ExecuteAsync(
                static (attempt, state) => state.Self.AttemptAsync(state.CreateRequest, attempt.CancellationToken),
                context,
                (Self: this, CreateRequest: createRequest)
            )
            .ConfigureAwait(false);

    private async ValueTask<HttpResponseMessage> AttemptAsync(
        Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken
    )
    {
        using var request = createRequest();
        // On the request, not in the client's default headers: a client passed in stays as its owner left it, and
        // the agent asked for in the options is the one sent.
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        var response = await _client
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        _throttle.Gate.Observe(response);
        if (!ChartResponseReader.BuffersBody(response.StatusCode))
        {
            return response;
        }
        // Read within the attempt, under its timeout: a reset or a stall mid-body fails the attempt, and the retry
        // treats it like one before the headers.
        try
        {
            response.Content = await BufferedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The client of <see cref="QuoteClient"/>'s own: one pooled socket handler, no timeout of its own.</summary>
    internal static HttpClient CreateClient(QuoteClientOptions options) =>
        new(CreatePrimaryHandler(options), disposeHandler: true)
        {
            // Timeouts are the pipeline's job, per attempt.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

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
    /// timeout.
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
