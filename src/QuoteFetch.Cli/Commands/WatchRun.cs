using System.Globalization;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// <c>--watch</c>: one batch per round through one client (its connections stay open between rounds), never two rounds
/// at once. On a terminal a table redrawn in place; elsewhere one block per round, flushed, so a log can be appended to.
/// </summary>
internal static class WatchRun
{
    public static async Task<int> RunAsync(
        FetchSettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var interval = settings.Watch ?? throw new ArgumentException("not a watch", nameof(settings));
        var logger = TextWriterLogger<QuoteClient>.ForRun(console.Error, settings.Verbose);
        using var client = new QuoteClient(settings.ClientOptions, logger);
        using var cache = QuoteCache.Open(settings.NoCache, settings.Verbose, console);
        var requested = QuoteClient.NormalizeSymbols(settings.Symbols);
        var rounds = new WatchLoop<IReadOnlyList<QuoteResult>>(interval, settings.Rounds, console.Time, console.Error);
        async Task<IReadOnlyList<QuoteResult>> FetchAsync(CancellationToken token)
        {
            // The cache's rule, with a default max-age of at most half an interval: rounds start at least an interval
            // apart, so a round never gets the previous round's answers (--max-age says otherwise).
            var results = cache is null
                ? await client.GetQuotesInOrderAsync(requested, token).ConfigureAwait(false)
                : await cache
                    .GetQuotesInOrderAsync(
                        client,
                        settings.ClientOptions.BaseAddress,
                        requested,
                        settings.MaxAge,
                        interval / 2,
                        token
                    )
                    .ConfigureAwait(false);
            return await Advice
                .Add(results.ToAsyncEnumerable())
                .ToListAsync(CancellationToken.None)
                .ConfigureAwait(false);
        }
        static bool RateLimited(IReadOnlyList<QuoteResult> results) =>
            results.Any(result => result.Error?.Kind == QuoteErrorKind.RateLimited);
        static bool AllOk(IReadOnlyList<QuoteResult> results) => results.All(result => result.IsSuccess);
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
                        FetchAsync,
                        RateLimited,
                        (round, results) =>
                        {
                            context.UpdateTarget(live.Render(round, results, rounds.NextAt));
                            context.Refresh();
                            return Task.CompletedTask;
                        },
                        AllOk,
                        cancellationToken
                    )
                )
                .ConfigureAwait(false);
        }
        var block = new WatchBlocks(settings.Format, settings, console);
        return await rounds
            .RunAsync(FetchAsync, RateLimited, block.WriteAsync, AllOk, cancellationToken)
            .ConfigureAwait(false);
    }
}
