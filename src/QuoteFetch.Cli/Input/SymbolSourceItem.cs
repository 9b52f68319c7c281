namespace QuoteFetch.Cli;

/// <summary>One place symbols come from, as given on the command line: a symbol text (which may hold a list) or a file.</summary>
internal readonly record struct SymbolSourceItem(string Value, bool IsFile)
{
    public static SymbolSourceItem Text(string value) => new(value, false);

    public static SymbolSourceItem File(string path) => new(path, true);
}
