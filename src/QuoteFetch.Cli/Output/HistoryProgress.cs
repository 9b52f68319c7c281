using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// The progress bar for a history batch. Unlike a quote table, most history outputs stream to a file or a pipe, so the
/// bar runs while they are written; only a table on the same terminal is gathered first.
/// </summary>
internal sealed class HistoryProgress(IAnsiConsole terminal, int total)
{
    public async Task<List<HistoryResult>> CollectAsync(IAsyncEnumerable<HistoryResult> results)
    {
        using var cursor = new CursorGuard(terminal);
        return await FetchProgress.CollectAsync(results, total, terminal).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> over the results, advancing the bar as each one passes.</summary>
    public async Task RunAsync(
        IAsyncEnumerable<HistoryResult> results,
        Func<IAsyncEnumerable<HistoryResult>, Task> write
    )
    {
        ArgumentNullException.ThrowIfNull(write);
        using var cursor = new CursorGuard(terminal);
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

    /// <summary>
    /// The bar hides the cursor and shows it again when it ends; a process that exits while the bar runs (the pipe's
    /// reader gone, a second Ctrl+C: both call Environment.Exit) skips that, and would leave the shell without a cursor.
    /// </summary>
    private sealed class CursorGuard : IDisposable
    {
        private readonly IAnsiConsole _terminal;

        public CursorGuard(IAnsiConsole terminal)
        {
            _terminal = terminal;
            AppDomain.CurrentDomain.ProcessExit += ShowCursor;
        }

        public void Dispose() => AppDomain.CurrentDomain.ProcessExit -= ShowCursor;

        private void ShowCursor(object? sender, EventArgs e) => _terminal.Cursor.Show();
    }
}
