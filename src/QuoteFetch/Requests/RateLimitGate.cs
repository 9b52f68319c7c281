using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace QuoteFetch;

/// <summary>
/// Slows the whole batch when the source says it is rate limiting: a <c>Retry-After</c> on 429/503, or several
/// 429s in a row, pauses every request (retries included) instead of letting each in-flight request retry on its
/// own schedule and hammer the source in lockstep. <see cref="Observe"/> sees every answer (each attempt's); the
/// waiting is <see cref="WaitAsync"/>, called by <see cref="PauseStrategy"/> before an attempt's timeout starts.
/// </summary>
internal sealed class RateLimitGate(TimeProvider timeProvider, TimeSpan baseDelay, TimeSpan maxPause, ILogger logger)
{
    // One 429 may be a blip; this many in a row means the source wants the whole batch to slow down.
    public const int ConsecutiveLimit = 3;

    // A pause this long is news to the user, not just to -v: it is logged as a warning.
    public static readonly TimeSpan NoticeablePause = TimeSpan.FromSeconds(5);

    // The backoff of a 429 storm without Retry-After stops growing here, or at maxPause if that is shorter.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

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

    /// <summary>Completes when the batch may send again: at once unless a pause is running.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = PauseRemaining;
        if (wait <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }
        // A little jitter, so the paused requests don't all resume in the same millisecond.
        var jitter = TimeSpan.FromMilliseconds(
            Random.Shared.NextDouble() * Math.Min(wait.TotalMilliseconds, 1000) * 0.2
        );
        return new ValueTask(Task.Delay(wait + jitter, timeProvider, cancellationToken));
    }

    /// <summary>How long the source asks to wait before the next request, from <c>Retry-After</c>; never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider) =>
        RetryAfterAsked(headers, timeProvider)?.Wait;

    /// <summary>
    /// The wait <c>Retry-After</c> asks for, and its seconds as the source gave them. .NET's parser gives up on deltas
    /// beyond <see cref="int.MaxValue"/>; such digits are read here and count as a wait longer than any cap.
    /// </summary>
    public static (TimeSpan Wait, string Seconds)? RetryAfterAsked(
        HttpResponseHeaders headers,
        TimeProvider timeProvider
    )
    {
        switch (headers.RetryAfter)
        {
            case { Delta: { } delta }:
                return (delta, Seconds.Of(delta));
            case { Date: { } date }:
                var wait = date - timeProvider.GetUtcNow();
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                return (wait, Seconds.Of(wait));
            default:
                break;
        }
        if (!headers.NonValidated.TryGetValues("Retry-After", out var values) || values.Count != 1)
        {
            return null;
        }
        var text = values.ToString().Trim();
        if (text.Length is 0 or > MaxDigits || text.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return null;
        }
        var seconds = double.Parse(text, CultureInfo.InvariantCulture);
        var asked = seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        return (asked, text.TrimStart('0') is { Length: > 0 } digits ? digits : "0");
    }

    // Long enough for any number a server means; a longer run of digits is not named back in full.
    private const int MaxDigits = 40;

    /// <summary>Starts or lengthens the batch-wide pause when <paramref name="response"/> says the source is limiting.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var limited = status == HttpStatusCode.TooManyRequests;
        var retryAfter =
            limited || status == HttpStatusCode.ServiceUnavailable ? RetryAfter(response.Headers, timeProvider) : null;
        // A wait longer than the cap is not waited: that symbol gives up (see HttpPipeline), the batch goes on.
        if (retryAfter > maxPause)
        {
            retryAfter = null;
        }
        TimeSpan pause;
        int consecutive;
        string why;
        lock (_lock)
        {
            _consecutive = limited ? _consecutive + 1 : 0;
            consecutive = _consecutive;
            pause = retryAfter ?? (consecutive >= ConsecutiveLimit ? Backoff(consecutive) : TimeSpan.Zero);
            why = retryAfter is { } asked ? $"Retry-After {Seconds.Of(asked)} s" : $"{consecutive} in a row";
            var until = timeProvider.GetUtcNow() + pause;
            if (pause <= TimeSpan.Zero || until <= _pausedUntil)
            {
                return;
            }
            _pausedUntil = until;
        }
        var level = pause >= NoticeablePause ? LogLevel.Warning : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            var seconds = Seconds.Of(pause);
            Log.PausingBatch(logger, level, (int)status, why, seconds);
        }
    }

    private TimeSpan Backoff(int consecutive)
    {
        var factor = Math.Pow(2, Math.Min(consecutive - ConsecutiveLimit, 16));
        var delay = TimeSpan.FromMilliseconds(Math.Max(baseDelay.TotalMilliseconds, 100) * factor);
        var cap = maxPause < MaxBackoff ? maxPause : MaxBackoff;
        return delay < cap ? delay : cap;
    }
}
