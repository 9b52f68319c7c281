using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// <c>--watch</c>: one batch per round through one client (its connections stay open between rounds), never two rounds
/// at once. On a terminal a table redrawn in place; elsewhere one block per round, flushed, so a log can be appended to.
/// </summary>
internal static class WatchRun
{
    /// <summary>After a rate-limited round the wait doubles, up to this many intervals, and is back to one after a clean round.</summary>
    public const int MaxBackoffIntervals = 8;

    public static async Task<int> RunAsync(
        FetchSettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var interval = settings.Watch ?? throw new ArgumentException("not a watch", nameof(settings));
        var logger = new TextWriterLogger<QuoteClient>(
            console.Error,
            settings.Verbose ? LogLevel.Information : LogLevel.Warning
        );
        using var client = new QuoteClient(settings.ClientOptions, logger);
        using var cache = QuoteCache.Open(settings.NoCache, settings.Verbose, console);
        var requested = QuoteClient.NormalizeSymbols(settings.Symbols);
        var rounds = new Rounds(settings, console, client, cache, requested, interval);
        console.BatchStarting();
        if (settings.Format == OutputFormat.Table && console.IsOutputTerminal)
        {
            var colors = TerminalEnvironment.UseColor(console.IsOutputTerminal, console.GetEnvironmentVariable);
            var live = new LiveQuoteTable(settings.Decimals, colors);
            var terminal = AnsiConsole.Create(
                new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(console.Out),
                    Ansi = AnsiSupport.Yes,
                    ColorSystem = colors ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
                    Interactive = InteractionSupport.Yes,
                }
            );
            terminal.Profile.Width = TerminalEnvironment.TableWidth(console.Width, console.GetEnvironmentVariable);
            return await terminal
                .Live(LiveQuoteTable.Waiting())
                .StartAsync(context =>
                    rounds.RunAsync(
                        (round, results) =>
                        {
                            context.UpdateTarget(live.Render(round, results, rounds.NextAt));
                            context.Refresh();
                            return Task.CompletedTask;
                        },
                        cancellationToken
                    )
                )
                .ConfigureAwait(false);
        }
        var block = new WatchBlocks(settings.Format, settings, console);
        return await rounds.RunAsync(block.WriteAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What one round fetched, when.</summary>
    internal sealed record Round(int Number, DateTimeOffset FetchedAt);

    private sealed class Rounds(
        FetchSettings settings,
        CliConsole console,
        QuoteClient client,
        QuoteCache? cache,
        IReadOnlyList<string> requested,
        TimeSpan interval
    )
    {
        public DateTimeOffset? NextAt { get; private set; }

        /// <returns>0 after Ctrl+C or when every symbol of the last round was priced, 1 when some were not.</returns>
        public async Task<int> RunAsync(
            Func<Round, IReadOnlyList<QuoteResult>, Task> show,
            CancellationToken cancellationToken
        )
        {
            var time = console.Time;
            var wait = interval;
            for (var number = 1; ; number++)
            {
                var started = time.GetTimestamp();
                var round = new Round(number, time.GetUtcNow());
                // The cache's rule, with a default max-age of at most half an interval: rounds start at least an interval
                // apart, so a round never gets the previous round's answers (--max-age says otherwise).
                var results = cache is null
                    ? await client.GetQuotesInOrderAsync(requested, cancellationToken).ConfigureAwait(false)
                    : await cache
                        .GetQuotesInOrderAsync(
                            client,
                            settings.ClientOptions.BaseAddress,
                            requested,
                            settings.MaxAge,
                            interval / 2,
                            cancellationToken
                        )
                        .ConfigureAwait(false);
                results = await Advice
                    .Add(results.ToAsyncEnumerable())
                    .ToListAsync(CancellationToken.None)
                    .ConfigureAwait(false);
                var last = cancellationToken.IsCancellationRequested || number == settings.Rounds;
                var rateLimited = results.Any(result => result.Error?.Kind == QuoteErrorKind.RateLimited);
                // Yahoo is asking for less: each rate-limited round doubles the wait, a clean one resets it.
                wait = rateLimited
                    ? TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, interval.Ticks * MaxBackoffIntervals))
                    : interval;
                NextAt = last ? null : round.FetchedAt + wait;
                await show(round, results).ConfigureAwait(false);
                if (last)
                {
                    // Interrupted: what this round had is printed, and stopping is what was asked for.
                    return cancellationToken.IsCancellationRequested || results.All(result => result.IsSuccess)
                        ? ExitCodes.Success
                        : ExitCodes.SomeFailed;
                }
                if (rateLimited)
                {
                    await console
                        .Error.WriteLineAsync(
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"quotefetch: round {number} was rate-limited: waiting {wait.TotalSeconds:0.#} s before the next (lower --concurrency or raise --watch)"
                            )
                        )
                        .ConfigureAwait(false);
                }
                // Rounds never overlap: a slow round shortens the pause, never the round.
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
}
