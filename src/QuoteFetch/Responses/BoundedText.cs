using System.Buffers;
using System.Text.Unicode;

namespace QuoteFetch;

/// <summary>
/// Decodes the strings a server sends, keeping at most <see cref="MaxChars"/> characters: a field may be megabytes
/// long, and only what is kept is ever decoded or allocated.
/// </summary>
internal static class BoundedText
{
    /// <summary>The most characters kept of any upstream string; a longer one keeps its start and ends in <see cref="CutMark"/>.</summary>
    public const int MaxChars = 256;

    public const char CutMark = '…';

    /// <summary>
    /// <see cref="Decode"/>'s text, or, when the value cannot be decoded, a <see cref="ChartBodyException"/> that
    /// names <paramref name="field"/> and why: a field the caller relies on is not passed on half-read.
    /// </summary>
    public static string DecodeOrThrow(ReadOnlySpan<byte> raw, bool escaped, string field) =>
        Decode(raw, escaped, out var text) is var status && status == TextStatus.Ok
            ? text
            : throw Undecodable(status, field);

    /// <summary>The error for a <paramref name="field"/> whose text could not be decoded, saying why.</summary>
    public static ChartBodyException Undecodable(TextStatus status, string field) =>
        new(status == TextStatus.NotUtf8 ? $"{field} is not valid UTF-8" : $"{field} has an unpaired surrogate escape");

    /// <summary>Decodes a JSON string's raw value (its bytes between the quotes, as <c>Utf8JsonReader.ValueSpan</c> gives them).</summary>
    /// <param name="raw">The value's bytes; their escapes have been checked by the reader that found them.</param>
    /// <param name="escaped">Whether <paramref name="raw"/> holds any backslash escape.</param>
    /// <param name="text">The decoded text, cut and marked past <see cref="MaxChars"/>; empty unless the status is <see cref="TextStatus.Ok"/>.</param>
    public static TextStatus Decode(ReadOnlySpan<byte> raw, bool escaped, out string text)
    {
        text = "";
        // Yahoo's strings are short and plain: no escapes, and too few bytes to make more than MaxChars characters.
        if (!escaped && raw.Length <= MaxChars)
        {
            if (!Utf8.IsValid(raw))
            {
                return TextStatus.NotUtf8;
            }
            text = System.Text.Encoding.UTF8.GetString(raw);
            return TextStatus.Ok;
        }
        Span<char> chars = stackalloc char[MaxChars];
        var written = 0;
        var cut = false;
        while (raw.Length > 0)
        {
            if (written == MaxChars)
            {
                cut = true;
                break;
            }
            var escape = escaped ? raw.IndexOf((byte)'\\') : -1;
            if (escape != 0)
            {
                var status = Utf8.ToUtf16(
                    escape < 0 ? raw : raw[..escape],
                    chars[written..],
                    out var read,
                    out var decoded,
                    replaceInvalidSequences: false
                );
                written += decoded;
                raw = raw[read..];
                // A full buffer ends the text: what does not fit is past the cap, valid or not.
                if (
                    status == OperationStatus.DestinationTooSmall
                    || (status != OperationStatus.Done && written == MaxChars)
                )
                {
                    cut = true;
                    break;
                }
                if (status != OperationStatus.Done)
                {
                    return TextStatus.NotUtf8;
                }
                continue;
            }
            var unit = Unescape(raw, out var length);
            if (char.IsHighSurrogate(unit))
            {
                if (written + 2 > MaxChars)
                {
                    cut = true;
                    break;
                }
                if (raw.Length < 12 || raw[6] != '\\' || raw[7] != 'u' || !char.IsLowSurrogate(Hex(raw.Slice(8, 4))))
                {
                    return TextStatus.UnpairedSurrogate;
                }
                chars[written++] = unit;
                unit = Hex(raw.Slice(8, 4));
                length = 12;
            }
            else if (char.IsLowSurrogate(unit))
            {
                return TextStatus.UnpairedSurrogate;
            }
            chars[written++] = unit;
            raw = raw[length..];
        }
        text = cut ? Cut(chars[..written]) : new string(chars[..written]);
        return TextStatus.Ok;
    }

    /// <summary>Caps a string that is already in memory (a reason phrase, a content type) the same way.</summary>
    public static string? Cap(string? text) => text is { Length: > MaxChars } ? Cut(text) : text;

    /// <summary>Caps ASCII bytes quoted in a message, such as a number's text.</summary>
    public static string Ascii(ReadOnlySpan<byte> ascii) =>
        ascii.Length > MaxChars
            ? System.Text.Encoding.ASCII.GetString(ascii[..(MaxChars - 1)]) + CutMark
            : System.Text.Encoding.ASCII.GetString(ascii);

    // Keeps MaxChars - 1 characters at most, never half of a surrogate pair, and adds the mark.
    private static string Cut(ReadOnlySpan<char> chars)
    {
        var keep = Math.Min(chars.Length, MaxChars - 1);
        if (keep > 0 && char.IsHighSurrogate(chars[keep - 1]))
        {
            keep--;
        }
        return string.Concat(chars[..keep], [CutMark]);
    }

    private static char Unescape(ReadOnlySpan<byte> escape, out int length)
    {
        length = 2;
        switch (escape[1])
        {
            case (byte)'b':
                return '\b';
            case (byte)'f':
                return '\f';
            case (byte)'n':
                return '\n';
            case (byte)'r':
                return '\r';
            case (byte)'t':
                return '\t';
            case (byte)'u':
                length = 6;
                return Hex(escape.Slice(2, 4));
            default:
                return (char)escape[1]; // '"', '\\' or '/'
        }
    }

    private static char Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | HexValue(digit);
        }
        return (char)value;
    }

    private static int HexValue(byte digit) =>
        digit switch
        {
            >= (byte)'0' and <= (byte)'9' => digit - '0',
            >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
            _ => digit - 'A' + 10, // Utf8JsonReader lets only hex digits follow a backslash-u
        };
}
