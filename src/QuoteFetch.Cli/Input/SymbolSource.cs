namespace QuoteFetch.Cli;

/// <summary>Gathers the requested symbols from arguments, <c>-t/--tickers</c>, and a file or standard input.</summary>
internal static class SymbolSource
{
    private static readonly char[] Separators = [',', ' ', '\t', ';'];

    public const string StdinPath = "-";

    /// <summary>Reads a symbol list: one or more per line, separated by commas or spaces; <c>#</c> starts a comment.</summary>
    public static IEnumerable<string> ParseList(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var content = comment >= 0 ? line[..comment] : line;
            foreach (var symbol in SplitList(content))
            {
                yield return symbol;
            }
        }
    }

    /// <exception cref="UsageException">The file cannot be read.</exception>
    public static List<string> Gather(
        IEnumerable<string> arguments,
        IEnumerable<string> tickers,
        string? file,
        CliConsole console
    )
    {
        var symbols = new List<string>();
        // Arguments may carry lists too ("AAPL,MSFT"), as a pasted spreadsheet column would.
        foreach (var argument in arguments.Concat(tickers))
        {
            symbols.AddRange(SplitList(argument));
        }
        if (file == StdinPath || (file is null && symbols.Count == 0 && console.IsInputRedirected))
        {
            symbols.AddRange(ParseList(console.In));
        }
        else if (file is not null)
        {
            symbols.AddRange(ReadFile(file));
        }
        return symbols;
    }

    private static string[] SplitList(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return [.. ParseList(reader)];
        }
        catch (Exception ex)
            when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            throw new UsageException(
                $"cannot read symbol file '{path}': {reason}",
                "check the path, or use '-f -' to read standard input"
            );
        }
    }
}
