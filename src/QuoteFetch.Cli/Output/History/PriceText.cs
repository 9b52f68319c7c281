using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// A price written straight into a span, as <see cref="HistoryText"/> spells it: rounded half-to-even to a number of
/// places and shown with exactly that many (131.00), or as exact as it is when no places are given. A year of
/// daily bars is ~1,500 prices per symbol, so this does without the rounded copy, the <c>string</c> per price and
/// decimal's general formatter whenever the digits fit in 64 bits, as every price Yahoo sends does. The text is
/// ASCII, so it is written as UTF-16 (CSV) or as UTF-8 (JSON) by the same code.
/// </summary>
internal static class PriceText
{
    /// <summary>Room for any decimal's text: a sign, 29 digits, a point and up to 28 zeros before the digits.</summary>
    public const int MaxLength = 64;

    private static readonly ulong[] PowersOf10 = PowersOfTen();

    /// <param name="value">The price, exact as parsed.</param>
    /// <param name="places">Decimal places to round to (0–28), or null for the price as it is.</param>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="written">How many characters were written.</param>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    public static bool TryWrite(decimal value, int? places, Span<char> destination, out int written) =>
        TryWriteText(value, places, destination, out written);

    /// <summary>The same text as UTF-8, for writers that write JSON's bytes.</summary>
    /// <param name="value">The price, exact as parsed.</param>
    /// <param name="places">Decimal places to round to (0–28), or null for the price as it is.</param>
    /// <param name="utf8Destination">Where the text goes.</param>
    /// <param name="written">How many bytes were written.</param>
    /// <returns>False when <paramref name="utf8Destination"/> is too short.</returns>
    public static bool TryWrite(decimal value, int? places, Span<byte> utf8Destination, out int written) =>
        TryWriteText(value, places, utf8Destination, out written);

    // TChar is char or byte: the code units of ASCII text, so a character is its code.
    private static bool TryWriteText<TChar>(decimal value, int? places, Span<TChar> destination, out int written)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (places is not { } p || p is < 0 or > 28)
        {
            return TryFormat(value, destination, out written);
        }
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        // Above 64 bits, or more places than 19 to drop or add: the general way, which no price comes near.
        if (bits[2] != 0 || Math.Abs(scale - p) > 19)
        {
            return TryFormat(
                HistoryText.Fixed(decimal.Round(value, p, MidpointRounding.ToEven), p)!.Value,
                destination,
                out written
            );
        }
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var zeros = 0;
        if (scale > p)
        {
            var divisor = PowersOf10[scale - p];
            var quotient = mantissa / divisor;
            var remainder = mantissa - (quotient * divisor);
            var half = divisor / 2;
            if (remainder > half || (remainder == half && (quotient & 1) == 1))
            {
                quotient++;
            }
            mantissa = quotient;
        }
        else
        {
            zeros = p - scale;
        }
        // Zero has no sign: -0.001 to 2 places is 0.00, as decimal's own rounding and formatting write it.
        return TryWriteScaled(bits[3] < 0 && mantissa != 0, mantissa, zeros, p, destination, out written);
    }

    private static bool TryFormat<TChar>(decimal value, Span<TChar> destination, out int written)
        where TChar : unmanaged, IBinaryInteger<TChar> =>
        typeof(TChar) == typeof(char)
            ? value.TryFormat(
                MemoryMarshal.Cast<TChar, char>(destination),
                out written,
                default,
                CultureInfo.InvariantCulture
            )
            : value.TryFormat(
                MemoryMarshal.Cast<TChar, byte>(destination),
                out written,
                default,
                CultureInfo.InvariantCulture
            );

    /// <summary>Writes ±<paramref name="digits"/> followed by <paramref name="zeros"/> zeros, with the point <paramref name="places"/> from the right.</summary>
    private static bool TryWriteScaled<TChar>(
        bool negative,
        ulong digits,
        int zeros,
        int places,
        Span<TChar> destination,
        out int written
    )
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        written = 0;
        var length = 1;
        while (length < PowersOf10.Length && digits >= PowersOf10[length])
        {
            length++;
        }
        var count = length + zeros;
        // At least one digit before the point: 0.05, not .05.
        var padding = Math.Max(0, places + 1 - count);
        var all = padding + count;
        var total = (negative ? 1 : 0) + all + (places > 0 ? 1 : 0);
        if (total > destination.Length)
        {
            return false;
        }
        if (negative)
        {
            destination[0] = TChar.CreateTruncating('-');
        }
        // From the right: the added zeros, the digits, the padding zeros, with the point after the places.
        var at = total;
        for (var i = 0; i < all; i++)
        {
            if (i == places && places > 0)
            {
                destination[--at] = TChar.CreateTruncating('.');
            }
            var digit = 0UL;
            if (i >= zeros)
            {
                (digits, digit) = Math.DivRem(digits, 10UL);
            }
            destination[--at] = TChar.CreateTruncating('0' + (uint)digit);
        }
        written = total;
        return true;
    }

    private static ulong[] PowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
