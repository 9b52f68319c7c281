using System.Text;

namespace QuoteFetch.Cli;

/// <summary>Where <c>history</c> writes: standard output, one file, or one file per symbol (<c>-o 'out/{symbol}.csv'</c>).</summary>
internal static class HistoryTargets
{
    public const string Placeholder = "{symbol}";

    /// <summary>A picture with more lines than this is a tangle, and its legend no longer fits: the rest are left out, with a warning.</summary>
    public const int MaxPlotLines = 20;

    public static bool IsPerSymbol(string? path) =>
        path is not null && path.Contains(Placeholder, StringComparison.Ordinal);

    /// <summary>The format an output file's extension names, or null when it names none.</summary>
    public static OutputFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path.Replace(Placeholder, "", StringComparison.Ordinal)).ToUpperInvariant() switch
        {
            ".CSV" => OutputFormat.Csv,
            ".JSON" => OutputFormat.Json,
            ".NDJSON" or ".JSONL" => OutputFormat.Ndjson,
            _ => null,
        };

    /// <summary>
    /// The file for one symbol: the template with <see cref="Placeholder"/> replaced. Null, with the reason, when the
    /// result would leave the directory the template names: an invalid symbol is echoed whole, and "../x" is one.
    /// </summary>
    public static string? PathFor(string template, string symbol, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(symbol);
        var directory = DirectoryOf(template);
        var path = template.Replace(Placeholder, symbol, StringComparison.Ordinal);
        problem = null;
        // Valid symbols never hold a separator or NUL, nor are they all dots; anything else is refused, not resolved.
        if (
            symbol.AsSpan().IndexOfAny('/', '\\', '\0') >= 0
            || !symbol.AsSpan().ContainsAnyExcept('.')
            || !IsInside(Path.GetFullPath(path), Path.GetFullPath(directory))
        )
        {
            problem = $"its file '{path}' would leave the directory '{directory}'";
            return null;
        }
        return path;
    }

    /// <summary>
    /// The directory a path names, "." for the current one; for a template, the fixed part before
    /// <see cref="Placeholder"/>, which every symbol's file stays inside.
    /// </summary>
    public static string DirectoryOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var index = path.IndexOf(Placeholder, StringComparison.Ordinal);
        var fixedPart = index < 0 ? path : path[..index] + "x";
        return Path.GetDirectoryName(fixedPart) is { Length: > 0 } named ? named : ".";
    }

    private static bool IsInside(string path, string directory) =>
        path.StartsWith(
            Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar,
            StringComparison.Ordinal
        );

    /// <summary>Creates (or truncates) a file for text output; failures are <see cref="OutputException"/>s naming the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="makeDirectory">
    /// Also make the file's directory: for a symbol's file from <see cref="PathFor"/>, which stays inside the named
    /// directory, so a template may use the symbol as a directory (<c>prices/{symbol}/daily.csv</c>).
    /// </param>
    public static StreamWriter Create(string path, bool makeDirectory = false)
    {
        try
        {
            if (makeDirectory && Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
            return new StreamWriter(
                new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024),
                new UTF8Encoding(false)
            );
        }
        catch (Exception ex)
            when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new OutputException($"'{path}': {ex.Message}", ex);
        }
    }
}
