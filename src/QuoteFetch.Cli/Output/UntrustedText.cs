using System.Buffers;
using System.Text;

namespace QuoteFetch.Cli;

/// <summary>Server text is data, never commands: cleans upstream strings before they reach a terminal or a spreadsheet.</summary>
internal static class UntrustedText
{
    // Characters that are invisible or change how the text around them is shown: C0, DEL and C1 controls (ESC, BEL,
    // NUL, CSI...), bidi embeddings, overrides, isolates and marks (Trojan Source: text that reads differently from
    // what it is), zero-width characters and the BOM. Line and paragraph separators break a row like a newline.
    private static readonly SearchValues<char> Hidden = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
            + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"
            + "\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f"
            + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f"
            + "\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
            + "\u2060\u2066\u2067\u2068\u2069\ufeff"
    );

    private static readonly SearchValues<char> CsvQuoted = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// Removes what could act on a terminal or hide text: control characters (ESC, BEL, NUL, C1), bidi controls and
    /// zero-width characters. Line breaks and tabs become spaces, so words stay apart and one row stays one line.
    /// </summary>
    public static string ForTerminal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var first = text.AsSpan().IndexOfAny(Hidden);
        if (first < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Hidden.Contains(c))
            {
                clean.Append(c);
            }
            else if (c is '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                clean.Append(' ');
            }
        }
        return clean.ToString();
    }

    /// <summary>
    /// One RFC 4180 CSV cell, cleaned as for a terminal first (CSV is what a pipe gets, and <c>| cat</c> replays any
    /// escape left in it). Then a cell a spreadsheet would run as a formula (starting with = + - @, also after spaces,
    /// tabs or CR) gets a leading apostrophe, as OWASP's CSV-injection advice says: after the cleaning, so no removed character can hide
    /// the formula from the check.
    /// </summary>
    public static string ForCsv(string? text)
    {
        text = ForTerminal(text);
        if (text.Length == 0)
        {
            return text;
        }
        // Tab and CR, which OWASP lists too, are spaces by now: a formula behind leading spaces counts, to be safe.
        var start = text.AsSpan().TrimStart(' ');
        if (start.Length > 0 && start[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }
        return text.AsSpan().ContainsAny(CsvQuoted)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
