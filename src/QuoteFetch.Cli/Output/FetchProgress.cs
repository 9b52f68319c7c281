using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// A progress bar on standard error while a table is being gathered: a table only prints at the end, and a
/// portfolio of thousands of symbols should not mean a silent terminal.
/// </summary>
internal static class FetchProgress
{
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> results, int total, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var collected = new List<T>(total);
        using var cursor = new CursorGuard(console);
        await Start(console)
            .StartAsync(async context =>
            {
                var task = context.AddTask(Title(total), maxValue: total);
                await foreach (var result in results.ConfigureAwait(false))
                {
                    collected.Add(result);
                    task.Increment(1);
                }
            })
            .ConfigureAwait(false);
        return collected;
    }

    /// <summary>The bar's look, for every batch.</summary>
    public static Progress Start(IAnsiConsole console) =>
        console
            .Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn()
            );

    public static string Title(int total) => total == 1 ? "Fetching 1 symbol" : $"Fetching {total} symbols";

    /// <summary>
    /// Only for a table, on a standard error that is a terminal able to move its cursor (not TERM=dumb), and not
    /// under -v, whose log lines would tear through the bar.
    /// </summary>
    public static bool IsWanted(FetchSettings settings, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        return settings.Format == OutputFormat.Table
            && console.IsErrorTerminal
            && !settings.Verbose
            && !TerminalEnvironment.IsDumb(console.GetEnvironmentVariable);
    }

    public static IAnsiConsole ForTerminal(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return ForTerminal(
            console.Error,
            TerminalEnvironment.UseColor(console.IsErrorTerminal, console.GetEnvironmentVariable)
        );
    }

    public static IAnsiConsole ForTerminal(TextWriter error, bool colors = true) =>
        AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(error),
                Ansi = AnsiSupport.Yes,
                ColorSystem = colors ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.Yes,
            }
        );

    /// <summary>
    /// The bar hides the cursor and shows it again when it ends; a process that exits while the bar runs (the pipe's
    /// reader gone, a second Ctrl+C: both call Environment.Exit) skips that, and would leave the shell without a cursor.
    /// </summary>
    internal sealed class CursorGuard : IDisposable
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
