using System.Text;

namespace QuoteFetch.Cli;

/// <summary>The process's streams and environment, passed in so tests can run the whole command in-process.</summary>
internal sealed record CliConsole(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool IsOutputTerminal,
    bool IsInputRedirected,
    Func<string, string?> GetEnvironmentVariable
)
{
    // A table piped to a file has no terminal to fit; wide enough that rows never wrap.
    public const int UnboundedWidth = 240;

    public int Width { get; init; } = UnboundedWidth;

    public bool IsErrorTerminal { get; init; }

    /// <summary>The clock: what "today" is when a history request is checked against Yahoo's limits.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The width to fit a table to on a terminal that reports <paramref name="reportedColumns"/>. A terminal that
    /// reports no size (0, e.g. a pseudo-terminal nobody sized, as under <c>script</c>) gets the customary 80.
    /// </summary>
    public static int TerminalWidth(int reportedColumns) => reportedColumns > 0 ? Math.Max(40, reportedColumns) : 80;

    /// <summary>
    /// Called once the command line is bound and the input read, just before the first request: until then a signal
    /// has nothing to save and ends the run at once, and a bad value is a usage error.
    /// </summary>
    public Action BatchStarting { get; init; } = static () => { };

    /// <summary>The process's own streams; call <see cref="StandardStreams.Inspect"/> first.</summary>
    public static CliConsole FromProcess() =>
        new(
            StandardStreams.OpenInput(),
            // One buffered writer for all output; writers flush where a reader is waiting (streaming formats, the end).
            new StreamWriter(StandardStreams.OpenOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false },
            StandardStreams.OpenError(),
            !Console.IsOutputRedirected,
            Console.IsInputRedirected,
            Environment.GetEnvironmentVariable
        )
        {
            Width =
                Console.IsOutputRedirected ? UnboundedWidth
                : Posix.IsSupported ? TerminalWidth(Posix.TerminalColumns(Posix.StandardOutput) ?? 0)
                : TerminalWidth(Console.WindowWidth),
            IsErrorTerminal = !Console.IsErrorRedirected,
        };
}
