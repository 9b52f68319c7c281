using System.Buffers.Text;
using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// The cache's text values written straight as UTF-8, as SQLite takes them: a first run stores ~1,500 prices per symbol
/// for a year of daily bars, and a <c>string</c> per price (then copied to UTF-8 by the binding) cost more than
/// SQLite's own work. The text is exactly what <c>ToString(CultureInfo.InvariantCulture)</c> and
/// <see cref="CacheStore.Iso"/> give, so files written before read the same.
/// </summary>
internal static class CacheText
{
    /// <summary>Room for any decimal's text: a sign, 29 digits, a point and up to 28 zeros before the digits.</summary>
    public const int MaxDecimalLength = 64;

    /// <summary>A <c>yyyy-MM-dd</c> day's length.</summary>
    public const int DayLength = 10;

    /// <summary>
    /// Writes <paramref name="value"/> as decimal's own invariant text: every digit of its scale (1.50 stays 1.50),
    /// a zero before the point (0.05). Digits that fit in 64 bits (every price Yahoo sends) skip decimal's general
    /// formatter.
    /// </summary>
    /// <returns>The number of bytes written; <paramref name="destination"/> holds at least <see cref="MaxDecimalLength"/>.</returns>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        // A zero (whose sign decimal's formatter decides) or more than 64 bits of digits: the general way.
        if (bits[2] != 0 || mantissa == 0)
        {
            value.TryFormat(destination, out var formatted, default, CultureInfo.InvariantCulture);
            return formatted;
        }
        var scale = (bits[3] >> 16) & 0xFF;
        var at = 0;
        if (bits[3] < 0)
        {
            destination[at++] = (byte)'-';
        }
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(mantissa, digits, out var count);
        var whole = count - scale;
        if (whole <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -whole).Fill((byte)'0');
            at += -whole;
            digits[..count].CopyTo(destination[at..]);
            return at + count;
        }
        digits[..whole].CopyTo(destination[at..]);
        at += whole;
        if (scale > 0)
        {
            destination[at++] = (byte)'.';
            digits[whole..count].CopyTo(destination[at..]);
            at += scale;
        }
        return at;
    }

    /// <summary>Writes <paramref name="day"/> as <c>yyyy-MM-dd</c> into the first <see cref="DayLength"/> bytes.</summary>
    public static void Write(DateOnly day, Span<byte> destination)
    {
        Digits(day.Year, destination[..4]);
        destination[4] = (byte)'-';
        Digits(day.Month, destination.Slice(5, 2));
        destination[7] = (byte)'-';
        Digits(day.Day, destination.Slice(8, 2));
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> day as <see cref="Write(DateOnly, Span{byte})"/> writes it.</summary>
    public static DateOnly Day(ReadOnlySpan<byte> text) =>
        text.Length == DayLength
        && text[4] == (byte)'-'
        && text[7] == (byte)'-'
        && TryDigits(text[..4], out var year)
        && TryDigits(text.Slice(5, 2), out var month)
        && TryDigits(text.Slice(8, 2), out var day)
            ? new DateOnly(year, month, day)
            : throw new FormatException("a stored day is not yyyy-MM-dd");

    /// <summary>
    /// Reads a stored price as <see cref="Write(decimal, Span{byte})"/> (or decimal's own text) wrote it, scale
    /// included. A run served from the cache reads ~1,500 prices per symbol and year: digits with at most one point
    /// and up to 19 digits (every price Yahoo sends) skip decimal's general parser.
    /// </summary>
    public static decimal Decimal(ReadOnlySpan<byte> text)
    {
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var digits = 0;
        var scale = -1;
        ulong mantissa = 0;
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && scale < 0)
            {
                scale = 0;
                continue;
            }
            if (c is < (byte)'0' or > (byte)'9' || ++digits > 19)
            {
                return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
            }
            mantissa = (mantissa * 10) + (ulong)(c - '0');
            scale += scale < 0 ? 0 : 1;
        }
        // Nothing, a bare point or sign, or a zero (whose sign decimal's parser decides): the general way.
        if (digits == 0 || scale == 0 || mantissa == 0 || scale > 28)
        {
            return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        }
        return new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
    }

    private static void Digits(int value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = (value * 10) + (digit - '0');
        }
        return true;
    }
}
