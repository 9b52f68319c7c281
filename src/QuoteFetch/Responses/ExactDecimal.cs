using System.Globalization;

namespace QuoteFetch;

/// <summary>
/// Whether a decimal is exactly the number a JSON text says. <see cref="decimal"/> holds 28–29 significant digits
/// and 28 places, and parsing rounds anything beyond that silently (<c>1e-40</c> becomes 0), so the parsed value is
/// written out again and its significant digits and magnitude compared with the text's. Trailing zeros and the
/// notation (<c>1.2345e-05</c> against <c>0.000012345</c>) do not matter.
/// </summary>
internal static class ExactDecimal
{
    /// <param name="number">A JSON number's text, as Utf8JsonReader validated it.</param>
    /// <param name="value">What the text parsed to.</param>
    public static bool Holds(ReadOnlySpan<byte> number, decimal value)
    {
        // Plain notation with at most 28 digits always fits, as the common case should: no formatting needed.
        if (number.Length <= 28 && number.IndexOfAny((byte)'e', (byte)'E') < 0)
        {
            return true;
        }
        Span<byte> written = stackalloc byte[64];
        if (!value.TryFormat(written, out var length, default, CultureInfo.InvariantCulture))
        {
            return false;
        }
        return Significand.Of(number).SameAs(Significand.Of(written[..length]));
    }

    // A number as ±0.d1d2…dn × 10^(Exponent+1): its significant digits, from the first to the last that is not 0.
    private readonly ref struct Significand
    {
        // Far beyond any decimal's magnitude, small enough that adding a body's length cannot overflow.
        private const long ExponentLimit = 1_000_000_000_000;

        private Significand(bool negative, ReadOnlySpan<byte> digits, long exponent)
        {
            Negative = negative;
            Digits = digits;
            Exponent = exponent;
        }

        private bool Negative { get; }

        // The significant digits, possibly with the decimal point among them; empty for zero.
        private ReadOnlySpan<byte> Digits { get; }

        // The power of ten of the first significant digit.
        private long Exponent { get; }

        public static Significand Of(ReadOnlySpan<byte> number)
        {
            var negative = number[0] == '-';
            if (negative)
            {
                number = number[1..];
            }
            long exponent = 0;
            var e = number.IndexOfAny((byte)'e', (byte)'E');
            if (e >= 0)
            {
                var text = number[(e + 1)..];
                var negativeExponent = text[0] == '-';
                foreach (var digit in text)
                {
                    if (digit is >= (byte)'0' and <= (byte)'9')
                    {
                        exponent = Math.Min(exponent * 10 + (digit - '0'), ExponentLimit);
                    }
                }
                exponent = negativeExponent ? -exponent : exponent;
                number = number[..e];
            }
            var first = number.IndexOfAnyInRange((byte)'1', (byte)'9');
            if (first < 0)
            {
                return new Significand(false, [], 0);
            }
            var last = number.LastIndexOfAnyInRange((byte)'1', (byte)'9');
            var point = number.IndexOf((byte)'.');
            if (point < 0)
            {
                point = number.Length;
            }
            // "123.4": the 1 is 10^2; "0.012": the 1 is 10^-2.
            exponent += first < point ? point - first - 1 : point - first;
            return new Significand(negative, number[first..(last + 1)], exponent);
        }

        public bool SameAs(Significand other)
        {
            if (Negative != other.Negative || Exponent != other.Exponent)
            {
                return false;
            }
            var mine = Digits;
            var theirs = other.Digits;
            int i = 0,
                j = 0;
            while (true)
            {
                i += i < mine.Length && mine[i] == '.' ? 1 : 0;
                j += j < theirs.Length && theirs[j] == '.' ? 1 : 0;
                if (i == mine.Length || j == theirs.Length)
                {
                    return i == mine.Length && j == theirs.Length;
                }
                if (mine[i++] != theirs[j++])
                {
                    return false;
                }
            }
        }
    }
}
