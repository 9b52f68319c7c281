using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// What the environment says about the terminal, read through <see cref="CliConsole.GetEnvironmentVariable"/> so
/// tests can set it: <c>TERM=dumb</c> (no colours, no cursor movement), <c>NO_COLOR</c> (no colours, see
/// no-color.org) and <c>COLUMNS</c> (the table's width).
/// </summary>
internal static class TerminalEnvironment
{
    /// <summary>Colours only on a terminal that is not dumb, and only while NO_COLOR is unset or empty.</summary>
    public static bool UseColor(bool isTerminal, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return isTerminal
            && !IsDumb(getEnvironmentVariable)
            && string.IsNullOrEmpty(getEnvironmentVariable("NO_COLOR"));
    }

    /// <summary>A terminal that can only print text: no escape sequences, so no progress bar either.</summary>
    public static bool IsDumb(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return string.Equals(getEnvironmentVariable("TERM")?.Trim(), "dumb", StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>COLUMNS</c> when it holds a positive number, on a terminal or not: shells set it for the terminal but do
    /// not export it, so a COLUMNS a program sees was set on purpose. Otherwise <paramref name="consoleWidth"/>: the
    /// terminal's own width, or <see cref="CliConsole.UnboundedWidth"/> when piped.
    /// </summary>
    public static int TableWidth(int consoleWidth, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return
            int.TryParse(
                getEnvironmentVariable("COLUMNS"),
                NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture,
                out var columns
            )
            && columns > 0
            ? CliConsole.TerminalWidth(columns)
            : consoleWidth;
    }
}
