using System.Buffers;

namespace QuoteFetch;

/// <summary>Normalises requested symbols: trim, upper-case, drop repeats (first wins), and check Yahoo's alphabet.</summary>
internal static class SymbolParser
{
    public const int MaxLength = 32;

    // Yahoo's symbols: BRK-B, ^GSPC, EURUSD=X, BTC-USD, VOD.L, M&M.NS.
    private static readonly SearchValues<char> Alphabet = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-^=&"
    );

    public static List<SymbolInput> Parse(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var capacity = symbols.TryGetNonEnumeratedCount(out var count) ? count : 16;
        var seen = new HashSet<string>(capacity, StringComparer.Ordinal);
        var inputs = new List<SymbolInput>(capacity);
        foreach (var raw in symbols)
        {
            var text = Normalize(raw);
            if (seen.Add(text))
            {
                inputs.Add(new SymbolInput(inputs.Count, text, Validate(text)));
            }
        }
        return inputs;
    }

    public static string Normalize(string? raw) => (raw ?? string.Empty).Trim().ToUpperInvariant();

    /// <returns>Null when the symbol is valid, else why it is not.</returns>
    public static string? Validate(string text)
    {
        if (text.Length == 0)
        {
            return "'' is not a valid symbol: it is empty";
        }
        if (text.Length > MaxLength)
        {
            return $"'{Printable(text)}' is not a valid symbol: it is longer than {MaxLength} characters";
        }
        var bad = text.AsSpan().IndexOfAnyExcept(Alphabet);
        if (bad >= 0)
        {
            return $"'{Printable(text)}' is not a valid symbol: '{Printable(text[bad].ToString())}' is not allowed "
                + "(use letters, digits and . - ^ = &)";
        }
        // A URL removes "." and ".." path segments: such a symbol would request another path than its chart.
        if (!text.AsSpan().ContainsAnyExcept('.'))
        {
            return $"'{text}' is not a valid symbol: it has nothing but dots";
        }
        return null;
    }

    // The message goes to a terminal: never echo control characters back.
    // It is echoed back whole in the result's symbol; the message needs only enough of it to recognise.
    private const int MaxEcho = 40;

    private static string Printable(string text) =>
        text.Length > MaxEcho
            ? Printable(text[..MaxEcho]) + "…"
            : string.Create(
                text.Length,
                text,
                static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        span[i] = char.IsControl(source[i]) ? '?' : source[i];
                    }
                }
            );
}
