using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>What one --watch round fetched, when.</summary>
internal sealed record WatchRound(int Number, DateTimeOffset FetchedAt);

/// <summary>
/// The rounds of --watch, whatever a round fetches (quotes, a portfolio): never two at once (a slow round shortens the
/// pause, never the round), a rate-limited round doubles the next pause (up to <see cref="MaxBackoffIntervals"/>
/// intervals), Ctrl+C ends it after the current round is shown.
/// </summary>
/// <typeparam name="T">What one round fetched.</typeparam>
internal sealed class WatchLoop<T>(TimeSpan interval, int? rounds, TimeProvider time, TextWriter error)
{
    public const int MaxBackoffIntervals = 8;

    /// <summary>When the next round starts; null during the last one.</summary>
    public DateTimeOffset? NextAt { get; private set; }

    /// <param name="fetch">One round's batch; cancelled by Ctrl+C, it still returns what arrived.</param>
    /// <param name="rateLimited">Whether the source asked for less in this round.</param>
    /// <param name="show">Writes or draws the round (<see cref="NextAt"/> is already set).</param>
    /// <param name="allOk">Whether the round left nothing without a value.</param>
    /// <returns>0 after Ctrl+C or a last round with everything, 1 after a last round with something missing.</returns>
    public async Task<int> RunAsync(
        Func<CancellationToken, Task<T>> fetch,
        Func<T, bool> rateLimited,
        Func<WatchRound, T, Task> show,
        Func<T, bool> allOk,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(rateLimited);
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(allOk);
        var wait = interval;
        for (var number = 1; ; number++)
        {
            var started = time.GetTimestamp();
            var round = new WatchRound(number, time.GetUtcNow());
            var fetched = await fetch(cancellationToken).ConfigureAwait(false);
            var last = cancellationToken.IsCancellationRequested || number == rounds;
            var limited = rateLimited(fetched);
            // Yahoo is asking for less: each rate-limited round doubles the wait, a clean one resets it.
            wait = limited
                ? TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, interval.Ticks * MaxBackoffIntervals))
                : interval;
            NextAt = last ? null : round.FetchedAt + wait;
            await show(round, fetched).ConfigureAwait(false);
            if (last)
            {
                // Interrupted: what this round had is shown, and stopping is what was asked for.
                return cancellationToken.IsCancellationRequested || allOk(fetched)
                    ? ExitCodes.Success
                    : ExitCodes.SomeFailed;
            }
            if (limited)
            {
                await error
                    .WriteLineAsync(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"quotefetch: round {number} was rate-limited: waiting {wait.TotalSeconds:0.#} s before the next (lower --concurrency or raise --watch)"
                        )
                    )
                    .ConfigureAwait(false);
            }
            var pause = wait - time.GetElapsedTime(started);
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return ExitCodes.Success;
                }
            }
        }
    }
}
