using System.Text;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// The progress bar for a history batch. Unlike a quote table, most history outputs stream to a file or a pipe, so the
/// bar runs while they are written; only a table on the same terminal is gathered first.
/// </summary>
internal sealed class HistoryProgress(IAnsiConsole terminal, int total)
{
    /// <summary>
    /// Standard error's lines while the bar may run: written through the bar's console, so each appears whole above the
    /// bar. Written straight to standard error, a line landed in the bar's lines and its next redraw overwrote it.
    /// </summary>
    public TextWriter Messages { get; } = new LineWriter(terminal);

    public Task<List<HistoryResult>> CollectAsync(IAsyncEnumerable<HistoryResult> results) =>
        FetchProgress.CollectAsync(results, total, terminal);

    /// <summary>Runs <paramref name="write"/> over the results, advancing the bar as each one passes.</summary>
    public async Task RunAsync(
        IAsyncEnumerable<HistoryResult> results,
        Func<IAsyncEnumerable<HistoryResult>, Task> write
    )
    {
        ArgumentNullException.ThrowIfNull(write);
        using var cursor = new FetchProgress.CursorGuard(terminal);
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

    /// <summary>Hands each whole line to the console as it is (never markup); a line break ends it.</summary>
    private sealed class LineWriter(IAnsiConsole terminal) : TextWriter
    {
        private const string EraseLine = "\u001b[2K";
        private const string EraseToEnd = "\u001b[K";

        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                Add(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_line)
            {
                foreach (var c in value ?? "")
                {
                    Add(c);
                }
            }
        }

        private void Add(char value)
        {
            if (value == '\n')
            {
                // The bar's lines are overwritten, not erased, and are longer: erase the line before and after the
                // text. As is, not as a Spectre text: that would wrap at its own idea of the width, not the terminal's.
                terminal.Write(new ControlCode($"{EraseLine}{_line}{EraseToEnd}\n"));
                _line.Clear();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }
}
