using System.Buffers.Binary;
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

    private static int ScanPrices(ReadOnlySpan<byte> text, ref Column<decimal?> column) =>
        Scan<PlainPrice, decimal>(text, ref column, nullable: true);

    private static int ScanVolumes(ReadOnlySpan<byte> text, ref Column<long?> column) =>
        Scan<PlainWhole, long>(text, ref column, nullable: true);

    // No nulls, and only times DateTimeOffset can hold: anything else is refused by the reader's path, with its message.
    private static int ScanTimestamps(ReadOnlySpan<byte> text, ref Column<long> column)
    {
        var nullable = new Column<long?>();
        try
        {
            var end = Scan<PlainWhole, long>(text, ref nullable, nullable: false);
            for (var i = 0; end >= 0 && i < nullable.Count; i++)
            {
                if (nullable.Items[i] is not (>= ChartBodyParser.MinUnixSeconds and <= ChartBodyParser.MaxUnixSeconds))
                {
                    return -1;
                }
                column.Add(nullable.Items[i]!.Value);
            }
            return end;
        }
        finally
        {
            nullable.Return();
        }
    }

    /// <summary>
    /// The elements of an array (from just after its '['): each a plain number as <typeparamref name="TNumber"/>
    /// reads it, or null where <paramref name="nullable"/>, separated by commas and JSON whitespace. Returns the index
    /// of the ']', or -1 at anything else.
    /// </summary>
    private static int Scan<TNumber, T>(ReadOnlySpan<byte> text, ref Column<T?> column, bool nullable)
        where TNumber : IPlainNumber<T>
        where T : struct
    {
        var at = SkipWhitespace(text, 0);
        if (at < text.Length && text[at] == ']')
        {
            return at;
        }
        while (true)
        {
            if (at >= text.Length)
            {
                return -1;
            }
            if (text[at] == 'n')
            {
                if (!nullable || !text[at..].StartsWith("null"u8))
                {
                    return -1;
                }
                at += 4;
                column.Add(null);
            }
            else if (TNumber.TryRead(text, ref at, out var value))
            {
                column.Add(value);
            }
            else
            {
                return -1;
            }
            at = SkipWhitespace(text, at);
            if (at >= text.Length)
            {
                return -1;
            }
            switch (text[at])
            {
                case (byte)']':
                    return at;
                case (byte)',':
                    at = SkipWhitespace(text, at + 1);
                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>A number as the scan reads it: only its plain forms; anything else leaves the array to the reader.</summary>
    private interface IPlainNumber<T>
    {
        /// <summary>Reads the number at <paramref name="at"/> and moves past it; false (and <paramref name="at"/> as it was) otherwise.</summary>
        static abstract bool TryRead(ReadOnlySpan<byte> text, ref int at, out T value);
    }

    /// <summary>
    /// <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c> with at most 19 digits, read as it is checked (eight fraction digits at a
    /// time): an exponent or more digits is not plain.
    /// </summary>
    private readonly struct PlainPrice : IPlainNumber<decimal>
    {
        public static bool TryRead(ReadOnlySpan<byte> text, ref int at, out decimal value)
        {
            value = 0;
            var i = at;
            var negative = i < text.Length && text[i] == '-';
            i += negative ? 1 : 0;
            if (!TryWhole(text, ref i, out var mantissa, out var digits))
            {
                return false;
            }
            var scale = 0;
            if (i < text.Length && text[i] == '.')
            {
                var first = ++i;
                while (
                    text.Length - i >= 8
                    && PlainDecimal.TryEightDigits(BinaryPrimitives.ReadUInt64LittleEndian(text[i..]), out var eight)
                )
                {
                    // Past 19 digits the mantissa may wrap; the count below refuses it.
                    mantissa = unchecked((mantissa * 100_000_000) + eight);
                    i += 8;
                }
                for (; i < text.Length && char.IsAsciiDigit((char)text[i]); i++)
                {
                    mantissa = unchecked((mantissa * 10) + (uint)(text[i] - '0'));
                }
                scale = i - first;
                if (scale == 0)
                {
                    return false;
                }
            }
            if (digits + scale > 19 || (i < text.Length && text[i] is (byte)'e' or (byte)'E'))
            {
                return false;
            }
            value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
            at = i;
            return true;
        }
    }

    /// <summary><c>-?(0|[1-9][0-9]*)</c> with at most 18 digits: a fraction, an exponent or more digits is not plain.</summary>
    private readonly struct PlainWhole : IPlainNumber<long>
    {
        public static bool TryRead(ReadOnlySpan<byte> text, ref int at, out long value)
        {
            value = 0;
            var i = at;
            var negative = i < text.Length && text[i] == '-';
            i += negative ? 1 : 0;
            if (
                !TryWhole(text, ref i, out var whole, out var digits)
                || digits > 18
                || (i < text.Length && text[i] is (byte)'.' or (byte)'e' or (byte)'E')
            )
            {
                return false;
            }
            value = negative ? -(long)whole : (long)whole;
            at = i;
            return true;
        }
    }

    // 0, or a digit 1-9 and more digits (JSON has no leading zeros); the digits counted, the value wrapping past 19.
    private static bool TryWhole(ReadOnlySpan<byte> text, ref int at, out ulong value, out int digits)
    {
        value = 0;
        digits = 0;
        if (at >= text.Length || !char.IsAsciiDigit((char)text[at]))
        {
            return false;
        }
        if (text[at] == '0')
        {
            at++;
            digits = 1;
            return true;
        }
        var first = at;
        for (; at < text.Length && char.IsAsciiDigit((char)text[at]); at++)
        {
            value = unchecked((value * 10) + (uint)(text[at] - '0'));
        }
        digits = at - first;
        return true;
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
}
