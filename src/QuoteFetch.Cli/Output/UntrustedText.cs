using System.Text;

namespace QuoteFetch.Cli;

/// <summary>Server text is data, never commands: cleans upstream strings before they reach a terminal or a spreadsheet.</summary>
internal static class UntrustedText
{
    /// <summary>Drops C0/C1 control characters (ESC, BEL, ...), so no escape sequence reaches the terminal.</summary>
    public static string ForTerminal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (
            !text.AsSpan().ContainsAnyInRange('\u0000', '\u001f')
            && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f')
        )
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    /// <summary>
    /// One RFC 4180 CSV cell. A cell a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a
    /// leading apostrophe, as OWASP's CSV-injection advice says.
    /// </summary>
    public static string ForCsv(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
