using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// A price written straight into a span, as <see cref="HistoryText"/> spells it: rounded half-to-even to a number of
/// places and shown with exactly that many (131.00), or as exact as it is when no places are given. A year of
/// daily bars is ~1,500 prices per symbol, so this does without the rounded copy, the <c>string</c> per price and
/// decimal's general formatter whenever the digits fit in 64 bits, as every price Yahoo sends does.
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
    public static bool TryWrite(decimal value, int? places, Span<char> destination, out int written)
    {
        if (places is not { } p || p is < 0 or > 28)
        {
            return value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
        }
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        // Above 64 bits, or more places than 19 to drop or add: the general way, which no price comes near.
        if (bits[2] != 0 || Math.Abs(scale - p) > 19)
        {
            return HistoryText
                .Fixed(decimal.Round(value, p, MidpointRounding.ToEven), p)!
                .Value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
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

    /// <summary>Writes ±<paramref name="digits"/> followed by <paramref name="zeros"/> zeros, with the point <paramref name="places"/> from the right.</summary>
    private static bool TryWriteScaled(
        bool negative,
        ulong digits,
        int zeros,
        int places,
        Span<char> destination,
        out int written
    )
    {
        var length = 1;
        for (var rest = digits; rest >= 10; rest /= 10)
        {
            length++;
        }
        var count = length + zeros;
        // At least one digit before the point: 0.05, not .05.
        var all = Math.Max(count, places + 1);
        var total = (negative ? 1 : 0) + all + (places > 0 ? 1 : 0);
        if (total > destination.Length)
        {
            written = 0;
            return false;
        }
        // From the right: the added zeros, the digits, the zeros before them; the point after `places` of them.
        var at = total - 1;
        for (var k = 0; k < all; k++)
        {
            if (k == places && places > 0)
            {
                destination[at--] = '.';
            }
            if (k >= zeros && k < count)
            {
                destination[at--] = (char)('0' + (digits % 10));
                digits /= 10;
            }
            else
            {
                destination[at--] = '0';
            }
        }
        if (negative)
        {
            destination[0] = '-';
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
