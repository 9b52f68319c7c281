using System.Buffers;

namespace QuoteFetch.Cli;

/// <summary>
/// Gathers the requested symbols from arguments, <c>-t/--tickers</c>, and a file or standard input, in the order given.
/// Input is read as a stream and repeats are dropped as they are read (first occurrence wins), so neither an endless
/// stream of one symbol nor a device such as <c>/dev/zero</c> can fill the memory: every line and the list are capped.
/// </summary>
internal sealed class SymbolSource
{
    public const string StdinPath = "-";

    /// <summary>The longest line a symbol list may have; longer is not a symbol list.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>The most distinct symbols one run takes.</summary>
    public const int MaxSymbols = 1024 * 1024;

    /// <summary>
    /// The most characters the distinct symbols may add up to: a valid symbol has at most 32, so this only stops
    /// lists of long words (which could never be symbols) from filling the memory below <see cref="MaxSymbols"/>.
    /// </summary>
    public const long MaxSymbolCharacters = 32L * MaxSymbols;

    private const string StdinName = "standard input";

    private const string SplitHint = "split the list and run quotefetch once for each part";

    // '\r' too: a file with Windows line ends leaves one before each '\n'.
    private static readonly SearchValues<char> Separators = SearchValues.Create(", \t;\r");

    private readonly HashSet<string> _seen;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _seenSpans;
    private readonly List<string> _symbols = [];
    private readonly char[] _upper = new char[MaxLineLength];
    private long _characters;

    private SymbolSource()
    {
        _seen = new HashSet<string>(StringComparer.Ordinal);
        _seenSpans = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <exception cref="UsageException">A file cannot be read, is not a symbol list, breaks a cap, or has no symbols.</exception>
    public static IReadOnlyList<string> Gather(IEnumerable<SymbolSourceItem> items, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(console);
        var source = new SymbolSource();
        string? emptyInput = null;
        var readFile = false;
        foreach (var item in items)
        {
            if (!item.IsFile)
            {
                // Arguments may carry lists too ("AAPL,MSFT"), as a pasted spreadsheet column would.
                source.AddLine(item.Value, "the command line", 0, comments: false);
                continue;
            }
            readFile = true;
            var before = source._symbols.Count;
            if (item.Value == StdinPath)
            {
                if (!console.IsInputRedirected)
                {
                    // Someone at a terminal would otherwise see nothing happen.
                    console.Error.WriteLine("quotefetch: reading symbols from standard input; end with Ctrl+D");
                }
                source.AddLines(console.In, StdinName);
            }
            else
            {
                source.AddFile(item.Value);
            }
            if (source._symbols.Count == before)
            {
                emptyInput = item.Value == StdinPath ? StdinName : Quoted(item.Value);
            }
        }
        if (!readFile && source._symbols.Count == 0 && console.IsInputRedirected)
        {
            source.AddLines(console.In, StdinName);
            emptyInput = source._symbols.Count == 0 ? StdinName : null;
        }
        if (source._symbols.Count == 0 && emptyInput is not null)
        {
            throw new UsageException(
                $"{emptyInput} has no symbols (only blank or comment lines)",
                "give one or more symbols per line, comma or space separated; '#' starts a comment"
            );
        }
        return source._symbols;
    }

    private static string Quoted(string path) => $"'{path}'";

    private void AddFile(string path)
    {
        InputFile.Read(
            path,
            reader =>
            {
                AddLines(reader, Quoted(path));
                return true;
            },
            CannotRead
        );
    }

    private static UsageException CannotRead(string path, string reason) =>
        new($"cannot read symbol file '{path}': {reason}", "check the path, or use '-f -' to read standard input");

    /// <summary>Reads lines without ever holding more than <see cref="MaxLineLength"/> characters of one.</summary>
    private void AddLines(TextReader reader, string name)
    {
        var block = new char[16 * 1024];
        var line = new char[MaxLineLength];
        var lineLength = 0;
        long lineNumber = 1;
        int read;
        while ((read = reader.Read(block, 0, block.Length)) > 0)
        {
            var rest = block.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOfAny('\n', '\0');
                var piece = end < 0 ? rest : rest[..end];
                if (piece.Length > MaxLineLength - lineLength)
                {
                    throw new UsageException(
                        $"{name} line {lineNumber} is longer than {MaxLineLength} characters",
                        "a symbol list has short lines: one or more symbols per line, comma or space separated"
                    );
                }
                if (end >= 0 && rest[end] == '\0')
                {
                    throw new UsageException(
                        $"{name} is not a symbol list: line {lineNumber} holds a NUL byte (binary data)",
                        "give a text file with one or more symbols per line"
                    );
                }
                if (end >= 0 && lineLength == 0)
                {
                    // The whole line is in this block: no need to copy it.
                    AddLine(piece, name, lineNumber);
                }
                else
                {
                    piece.CopyTo(line.AsSpan(lineLength));
                    lineLength += piece.Length;
                    if (end < 0)
                    {
                        break;
                    }
                    AddLine(line.AsSpan(0, lineLength), name, lineNumber);
                    lineLength = 0;
                }
                lineNumber++;
                rest = rest[(end + 1)..];
            }
        }
        AddLine(line.AsSpan(0, lineLength), name, lineNumber);
    }

    /// <summary>
    /// One line of a list: symbols separated by commas, semicolons or blanks; in a file, <c>#</c> starts a comment.
    /// On the command line it does not: 'A#B' is reported as an invalid symbol, never quietly priced as 'A'.
    /// </summary>
    private void AddLine(ReadOnlySpan<char> line, string name, long lineNumber, bool comments = true)
    {
        var comment = comments ? line.IndexOf('#') : -1;
        if (comment >= 0)
        {
            line = line[..comment];
        }
        while (!line.IsEmpty)
        {
            var end = line.IndexOfAny(Separators);
            var token = end < 0 ? line : line[..end];
            AddSymbol(token, name, lineNumber);
            line = end < 0 ? [] : line[(end + 1)..];
        }
    }

    private void AddSymbol(ReadOnlySpan<char> token, string name, long lineNumber)
    {
        // The same normalisation as the library's (trim, upper-case), done in place so a repeat costs no string.
        token = token.Trim();
        if (token.IsEmpty)
        {
            return;
        }
        // Only an argument can be longer than a line (up to the system's argument size).
        var buffer = token.Length <= _upper.Length ? _upper : new char[token.Length];
        var upper = buffer.AsSpan(0, token.ToUpperInvariant(buffer));
        if (_seenSpans.Contains(upper))
        {
            return;
        }
        if (_symbols.Count == MaxSymbols)
        {
            throw new UsageException(
                $"{Where(name, lineNumber)} brings the list past {MaxSymbols} distinct symbols, the most one run takes",
                SplitHint
            );
        }
        if (_characters + upper.Length > MaxSymbolCharacters)
        {
            throw new UsageException(
                $"{Where(name, lineNumber)} brings the list past {MaxSymbolCharacters} characters of distinct symbols "
                    + "(a symbol has at most 32)",
                SplitHint
            );
        }
        var symbol = upper.ToString();
        _seen.Add(symbol);
        _symbols.Add(symbol);
        _characters += symbol.Length;
    }

    private static string Where(string name, long lineNumber) => lineNumber > 0 ? $"{name} line {lineNumber}" : name;
}
