using System.Buffers.Binary;

namespace QuoteFetch;

/// <summary>
/// The common case of a JSON number, fast: written plainly (<c>-?digits[.digits]</c>, as Yahoo writes prices) with
/// at most 19 digits, it fits a 64-bit integer and a scale, so it is exact by construction. A year of daily bars has
/// ~1,500 of them and a 10-year body ~15,000; the general decimal parser costs several times as much per number, and
/// this was still the costliest function of a history run read digit by digit, so eight digits go at a time.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 19; // 10^19 - 1 < 2^64

    /// <param name="number">A JSON number's text, as <see cref="System.Text.Json.Utf8JsonReader"/> validated it.</param>
    /// <param name="value">The number, when true.</param>
    /// <returns>False for an exponent or more than 19 digits: the general parser decides those.</returns>
    public static bool TryParse(ReadOnlySpan<byte> number, out decimal value)
    {
        value = 0;
        var negative = number.Length > 0 && number[0] == '-';
        var text = negative ? number[1..] : number;
        var point = text.IndexOf((byte)'.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.Length + fraction.Length > MaxDigits)
        {
            return false;
        }
        ulong mantissa = 0;
        if (!TryAccumulate(whole, ref mantissa) || !TryAccumulate(fraction, ref mantissa))
        {
            return false;
        }
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)fraction.Length);
        return true;
    }

    // mantissa * 10^digits.Length + digits; false if any is not a digit (an exponent's e, E, + or -).
    private static bool TryAccumulate(ReadOnlySpan<byte> digits, ref ulong mantissa)
    {
        while (digits.Length >= 8)
        {
            if (!TryEightDigits(BinaryPrimitives.ReadUInt64LittleEndian(digits), out var eight))
            {
                return false;
            }
            mantissa = (mantissa * 100_000_000) + eight;
            digits = digits[8..];
        }
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }
            mantissa = (mantissa * 10) + digit;
        }
        return true;
    }

    /// <summary>Eight ASCII digits, the first in the lowest byte, as their value (SWAR: three multiplications).</summary>
    internal static bool TryEightDigits(ulong chunk, out ulong value)
    {
        value = 0;
        // Every byte is 0x30–0x39: its high nibble is 3, and adding 6 does not carry into it.
        if (
            (chunk & 0xF0F0_F0F0_F0F0_F0F0) != 0x3030_3030_3030_3030
            || ((chunk + 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) != 0x3030_3030_3030_3030
        )
        {
            return false;
        }
        // Pairs of digits, then fours, then the eight (the first digit is the most significant); the products wrap
        // on purpose (fast_float's parse_eight_digits_unrolled).
        unchecked
        {
            chunk -= 0x3030_3030_3030_3030;
            chunk = (chunk * 10) + (chunk >> 8);
            value =
                (
                    ((chunk & 0x0000_00FF_0000_00FF) * (100 + (1_000_000UL << 32)))
                    + (((chunk >> 16) & 0x0000_00FF_0000_00FF) * (1 + (10_000UL << 32)))
                ) >> 32;
        }
        return true;
    }
}
