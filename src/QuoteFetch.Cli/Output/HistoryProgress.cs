using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// The progress bar for a history batch. Unlike a quote table, most history outputs stream to a file or a pipe, so the
/// bar runs while they are written; only a table on the same terminal is gathered first.
/// </summary>
internal sealed class HistoryProgress(IAnsiConsole terminal, int total)
{
    public Task<List<HistoryResult>> CollectAsync(IAsyncEnumerable<HistoryResult> results) =>
        FetchProgress.CollectAsync(results, total, terminal);

    /// <summary>Runs <paramref name="write"/> over the results, advancing the bar as each one passes.</summary>
    public async Task RunAsync(
        IAsyncEnumerable<HistoryResult> results,
        Func<IAsyncEnumerable<HistoryResult>, Task> write
    )
    {
        ArgumentNullException.ThrowIfNull(write);
        await FetchProgress
            .Start(terminal)
            .StartAsync(async context =>
            {
                var task = context.AddTask(FetchProgress.Title(total), maxValue: total);
                await write(Counted(results, task)).ConfigureAwait(false);
            })
            .ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<HistoryResult> Counted(
        IAsyncEnumerable<HistoryResult> results,
        ProgressTask task
    )
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            task.Increment(1);
            yield return result;
        }
    }
}
