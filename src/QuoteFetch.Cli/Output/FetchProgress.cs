using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// A progress bar on standard error while a table is being gathered: a table only prints at the end, and a
/// portfolio of thousands of symbols should not mean a silent terminal.
/// </summary>
internal static class FetchProgress
{
    public static async Task<List<QuoteResult>> CollectAsync(
        IAsyncEnumerable<QuoteResult> results,
        int total,
        IAnsiConsole console
    )
    {
        ArgumentNullException.ThrowIfNull(console);
        var collected = new List<QuoteResult>(total);
        await console
            .Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn()
            )
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Fetching {total} symbols", maxValue: total);
                await foreach (var result in results.ConfigureAwait(false))
                {
                    collected.Add(result);
                    task.Increment(1);
                }
            })
            .ConfigureAwait(false);
        return collected;
    }

    public static IAnsiConsole ForTerminal(TextWriter error) =>
        AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(error),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
            }
        );
}
