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

    /// <summary>
    /// The width to fit a table to on a terminal that reports <paramref name="reportedColumns"/>. A terminal that
    /// reports no size (0, e.g. a pseudo-terminal nobody sized, as under <c>script</c>) gets the customary 80.
    /// </summary>
    public static int TerminalWidth(int reportedColumns) => reportedColumns > 0 ? Math.Max(40, reportedColumns) : 80;

    public static CliConsole FromProcess() =>
        new(
            Console.In,
            // One buffered writer for all output; writers flush where a reader is waiting (streaming formats, the end).
            new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false },
            Console.Error,
            !Console.IsOutputRedirected,
            Console.IsInputRedirected,
            Environment.GetEnvironmentVariable
        )
        {
            Width = Console.IsOutputRedirected ? UnboundedWidth : TerminalWidth(Console.WindowWidth),
            IsErrorTerminal = !Console.IsErrorRedirected,
        };
}
