using System.Buffers.Text;
using System.Text.Json;

namespace QuoteFetch;

/// <summary>
/// The bars' columns read straight from the bytes. A body is ~1,500 numbers a year, and taking each as a token from
/// <see cref="Utf8JsonReader"/> cost as much as everything else in reading it; here an array of plain numbers, nulls,
/// commas and JSON whitespace is scanned in one pass, and the reader goes on after it. Anything else in an array
/// (an exponent, a string, a missing value, a trailing comma) leaves that array to the reader, token by token, which
/// reads it, or refuses it with its usual message, as if the scan had not been tried.
/// </summary>
internal static partial class HistoryBodyParser
{
    /// <summary>
    /// Reads one array's values into the column: a plain number, or null where the column allows it. Returns the
    /// index of the array's ']' in <paramref name="text"/> (which starts just after its '['), or -1 to leave the
    /// array to the reader.
    /// </summary>
    private delegate int ArrayScanner<T>(ReadOnlySpan<byte> text, ref Column<T> column);

    private enum Element
    {
        NotPlain,
        Empty, // ']' where the first element would be
        More, // an element, then ','
        Last, // an element, then ']'
    }

    /// <summary>
    /// At an array's start: scans it into <paramref name="column"/> and moves the reader to its ']' (the next token,
    /// EndArray, not yet read), or leaves both as they were and returns false.
    /// </summary>
    private static bool TryScanArray<T>(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> body,
        RawHistory raw,
        ref Column<T> column,
        ArrayScanner<T> scan
    )
    {
        if (!raw.ScanArrays)
        {
            return false;
        }
        var first = raw.ReaderStart + (int)reader.BytesConsumed;
        var count = column.Count;
        var end = scan(body[first..], ref column);
        if (end < 0)
        {
            column.Count = count;
            return false;
        }
        // The reader's state after '[' goes on from ']': to it, the array was empty. Positions in its messages count
        // from there on, which no message of ours shows.
        var state = reader.CurrentState;
        raw.ReaderStart = first + end;
        reader = new Utf8JsonReader(body[raw.ReaderStart..], isFinalBlock: true, state);
        reader.Read();
        return true;
    }

    private static int ScanPrices(ReadOnlySpan<byte> text, ref Column<decimal?> column)
    {
        var at = 0;
        for (var first = true; ; first = false)
        {
            var element = NextElement(text, ref at, out var number);
            switch (element)
            {
                case Element.Empty when first:
                    return at;
                case Element.More or Element.Last when number.IsEmpty:
                    column.Add(null);
                    break;
                case Element.More or Element.Last when PlainDecimal.TryParse(number, out var price):
                    column.Add(price);
                    break;
                default:
                    return -1;
            }
            if (element == Element.Last)
            {
                return at - 1;
            }
        }
    }

    private static int ScanVolumes(ReadOnlySpan<byte> text, ref Column<long?> column)
    {
        var at = 0;
        for (var first = true; ; first = false)
        {
            var element = NextElement(text, ref at, out var number);
            switch (element)
            {
                case Element.Empty when first:
                    return at;
                case Element.More or Element.Last when number.IsEmpty:
                    column.Add(null);
                    break;
                case Element.More or Element.Last when WholeNumber(number, out var volume):
                    column.Add(volume);
                    break;
                default:
                    return -1;
            }
            if (element == Element.Last)
            {
                return at - 1;
            }
        }
    }

    // No nulls: a null timestamp is refused by the reader's path, with its message.
    private static int ScanTimestamps(ReadOnlySpan<byte> text, ref Column<long> column)
    {
        var at = 0;
        for (var first = true; ; first = false)
        {
            var element = NextElement(text, ref at, out var number);
            switch (element)
            {
                case Element.Empty when first:
                    return at;
                case Element.More
                or Element.Last
                    when WholeNumber(number, out var seconds)
                        && seconds is >= ChartBodyParser.MinUnixSeconds and <= ChartBodyParser.MaxUnixSeconds:
                    column.Add(seconds);
                    break;
                default:
                    return -1;
            }
            if (element == Element.Last)
            {
                return at - 1;
            }
        }
    }

    // Digits with an optional '-' that fit a long (no fraction, no exponent: those go to the reader's path).
    private static bool WholeNumber(ReadOnlySpan<byte> number, out long value) =>
        Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length;

    /// <summary>
    /// From <paramref name="at"/> (after '[' or ','): whitespace, a value, whitespace, then ',' or ']', which
    /// <paramref name="at"/> ends past. The value is a number's text, empty for null. Only JSON's own number
    /// syntax passes (no leading zeros, digits after a point and in an exponent).
    /// </summary>
    private static Element NextElement(ReadOnlySpan<byte> text, ref int at, out ReadOnlySpan<byte> number)
    {
        number = default;
        at = SkipWhitespace(text, at);
        if (at >= text.Length)
        {
            return Element.NotPlain;
        }
        if (text[at] == ']')
        {
            return Element.Empty;
        }
        if (text[at..].StartsWith("null"u8))
        {
            at += 4;
        }
        else
        {
            var end = NumberEnd(text, at);
            if (end < 0)
            {
                return Element.NotPlain;
            }
            number = text[at..end];
            at = end;
        }
        at = SkipWhitespace(text, at);
        if (at >= text.Length)
        {
            return Element.NotPlain;
        }
        return text[at++] switch
        {
            (byte)',' => Element.More,
            (byte)']' => Element.Last,
            _ => Element.NotPlain,
        };
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && text[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }
        return at;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, ending where it ends; -1 if it is not one.
    private static int NumberEnd(ReadOnlySpan<byte> text, int at)
    {
        if (at < text.Length && text[at] == '-')
        {
            at++;
        }
        if (at >= text.Length || !char.IsAsciiDigit((char)text[at]))
        {
            return -1;
        }
        at = text[at] == '0' ? at + 1 : Digits(text, at);
        if (at < text.Length && text[at] == '.')
        {
            var fraction = at + 1;
            at = Digits(text, fraction);
            if (at == fraction)
            {
                return -1;
            }
        }
        if (at < text.Length && text[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < text.Length && text[at] is (byte)'+' or (byte)'-')
            {
                at++;
            }
            var exponent = at;
            at = Digits(text, exponent);
            if (at == exponent)
            {
                return -1;
            }
        }
        return at;
    }

    private static int Digits(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && char.IsAsciiDigit((char)text[at]))
        {
            at++;
        }
        return at;
    }
}
