using System.Collections.Frozen;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// The recorded Yahoo bodies the server embeds (provenance: Fixtures/SOURCES.md), read once per process
/// so a request never touches the disk or the resource stream.
/// </summary>
public static class FakeYahooFixtures
{
    private static readonly FrozenDictionary<string, string> SymbolFiles = new Dictionary<string, string>(
        StringComparer.Ordinal
    )
    {
        ["AAPL"] = "chart-AAPL.json",
        ["QQQ"] = "chart-etf-QQQ.json",
        ["0P000071W8.TO"] = "chart-mutualfund-0P000071W8.TO.json",
        ["^GSPC"] = "chart-index-GSPC.json",
        ["EURUSD=X"] = "chart-currency-EURUSD=X.json",
        ["BTC-USD"] = "chart-crypto-BTC-USD.json",
        ["OCDO.L"] = "chart-nonus-OCDO.L.json",
        ["WSU.DE"] = "chart-nonus-WSU.DE.json",
        ["GC=F"] = "chart-future-GC=F.json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> EmbeddedFiles = LoadFiles();

    private static readonly FrozenDictionary<string, byte[]> SymbolBodies = SymbolFiles.ToFrozenDictionary(
        pair => pair.Key,
        pair => EmbeddedFiles[pair.Value],
        StringComparer.Ordinal
    );

    /// <summary>
    /// The asyncio tutorial's own list. Yahoo no longer knows FB, and neither does this server, so the list has
    /// one failure in it, as it would against Yahoo today.
    /// </summary>
    public static IReadOnlyList<string> TutorialSymbols { get; } =
    ["VTSAX", "VTIAX", "IJS", "VSS", "AAPL", "ORCL", "GOOG", "MSFT", "FB"];

    /// <summary>Symbols served from a recorded body, e.g. "AAPL", "^GSPC", "EURUSD=X".</summary>
    public static IReadOnlyCollection<string> Symbols => SymbolFiles.Keys;

    /// <summary>Embedded file names, e.g. "chart-AAPL-empty-range-1m.json".</summary>
    public static IReadOnlyCollection<string> FileNames => EmbeddedFiles.Keys;

    /// <summary>The file each fixture symbol is served from.</summary>
    public static IReadOnlyDictionary<string, string> FileBySymbol => SymbolFiles;

    /// <summary>The v8 chart 404 body for an unknown symbol.</summary>
    public static ReadOnlyMemory<byte> NotFoundBody { get; } = EmbeddedFiles["chart-error-not-found.json"];

    /// <summary>The plain-text body of Yahoo's 429.</summary>
    public static ReadOnlyMemory<byte> TooManyRequestsBody { get; } = EmbeddedFiles["http-429-body.txt"];

    /// <summary>The exact bytes served for a fixture symbol.</summary>
    /// <exception cref="KeyNotFoundException">The symbol has no fixture.</exception>
    public static ReadOnlyMemory<byte> BodyFor(string symbol) => SymbolBodies[symbol];

    public static bool TryGetBody(string symbol, out ReadOnlyMemory<byte> body)
    {
        if (SymbolBodies.TryGetValue(symbol, out var bytes))
        {
            body = bytes;
            return true;
        }

        body = default;
        return false;
    }

    /// <summary>The bytes of an embedded file by name.</summary>
    /// <exception cref="KeyNotFoundException">No such file is embedded.</exception>
    public static ReadOnlyMemory<byte> File(string fileName) => EmbeddedFiles[fileName];

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        const string Prefix = "Fixtures/";
        var assembly = typeof(FakeYahooFixtures).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream =
                assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} cannot be opened.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
