using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace QuoteFetch;

/// <summary>
/// Slows the whole batch when the source says it is rate limiting: a <c>Retry-After</c> on 429/503, or several
/// 429s in a row, pauses every request (retries included) instead of letting each in-flight request retry on its
/// own schedule and hammer the source in lockstep.
/// </summary>
internal sealed class RateLimitGate(TimeProvider timeProvider, TimeSpan baseDelay, ILogger logger) : DelegatingHandler
{
    // One 429 may be a blip; this many in a row means the source wants the whole batch to slow down.
    public const int ConsecutiveLimit = 3;

    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _consecutive;

    public TimeSpan PauseRemaining
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil - timeProvider.GetUtcNow();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        var wait = PauseRemaining;
        if (wait > TimeSpan.Zero)
        {
            // A little jitter, so the paused requests don't all resume in the same millisecond.
            var jitter = TimeSpan.FromMilliseconds(
                Random.Shared.NextDouble() * Math.Min(wait.TotalMilliseconds, 1000) * 0.2
            );
            await Task.Delay(wait + jitter, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(response);
        return response;
    }

    private void Observe(HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var limited = status == HttpStatusCode.TooManyRequests;
        var retryAfter =
            limited || status == HttpStatusCode.ServiceUnavailable ? RetryAfter(response.Headers.RetryAfter) : null;
        TimeSpan pause;
        int consecutive;
        lock (_lock)
        {
            _consecutive = limited ? _consecutive + 1 : 0;
            consecutive = _consecutive;
            pause = retryAfter ?? (consecutive >= ConsecutiveLimit ? Backoff(consecutive) : TimeSpan.Zero);
            var until = timeProvider.GetUtcNow() + pause;
            if (pause <= TimeSpan.Zero || until <= _pausedUntil)
            {
                return;
            }
            _pausedUntil = until;
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.PausingBatch(logger, (int)status, consecutive, (long)pause.TotalMilliseconds);
        }
    }

    private TimeSpan Backoff(int consecutive)
    {
        var factor = Math.Pow(2, Math.Min(consecutive - ConsecutiveLimit, 16));
        var delay = TimeSpan.FromMilliseconds(Math.Max(baseDelay.TotalMilliseconds, 100) * factor);
        return delay < MaxPause ? delay : MaxPause;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay is { } value && value > TimeSpan.Zero ? (value < MaxPause ? value : MaxPause) : null;
    }
}
