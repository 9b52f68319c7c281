using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>How every history output spells dates and numbers: invariant, no thousands separators, no exponent.</summary>
internal static class HistoryText
{
    /// <summary>The prices an output shows: cleaned to priceHint places unless exact ones were asked for.</summary>
    public static PriceHistory Prices(PriceHistory history, bool exact) => exact ? history : history.Clean();

    /// <summary>The places every cleaned price is written with (priceHint); null for exact prices or without a hint.</summary>
    public static int? Places(PriceHistory history, bool exact) => exact ? null : history.PriceHint;

    /// <summary>
    /// A cleaned price with exactly <paramref name="places"/> decimals, so a column reads 131.00 and 134.80 rather than
    /// 131 and 134.80: rounding never adds places, and adding a zero of that scale does without changing the value.
    /// </summary>
    public static decimal? Fixed(decimal? price, int? places) =>
        price is { } value && places is { } p and >= 0 and <= 28 ? value + new decimal(0, 0, 0, false, (byte)p) : price;

    /// <summary>
    /// The bar's day at the exchange (its <see cref="PriceBar.Time"/> is already in the exchange's zone); for intraday
    /// bars the local time with the exchange's offset, <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>.
    /// </summary>
    public static string Date(PriceBar bar, bool intraday) => Date(bar.Time, intraday);

    public static string Date(DateTimeOffset time, bool intraday)
    {
        Span<char> text = stackalloc char[DateLength];
        TryWriteDate(time, intraday, text, out var written);
        return text[..written].ToString();
    }

    /// <summary>The longest <see cref="TryWriteDate"/> text: <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>.</summary>
    public const int DateLength = 25;

    /// <summary><see cref="Date(DateTimeOffset, bool)"/> into a span, for writers that write a row per bar.</summary>
    public static bool TryWriteDate(DateTimeOffset time, bool intraday, Span<char> destination, out int written)
    {
        // "O" and "s" are the formatter's fast ISO 8601 paths (yyyy-MM-dd and yyyy-MM-ddTHH:mm:ss).
        if (!intraday)
        {
            return DateOnly
                .FromDateTime(time.DateTime)
                .TryFormat(destination, out written, "O", CultureInfo.InvariantCulture);
        }
        if (
            destination.Length < DateLength
            || !time.DateTime.TryFormat(destination, out written, "s", CultureInfo.InvariantCulture)
        )
        {
            written = 0;
            return false;
        }
        // zzz: the offset as +hh:mm; zones' offsets are whole minutes.
        var offset = time.Offset;
        destination[written++] = offset < TimeSpan.Zero ? '-' : '+';
        var minutes = Math.Abs((int)offset.TotalMinutes);
        TwoDigits(minutes / 60, destination[written..]);
        destination[written + 2] = ':';
        TwoDigits(minutes % 60, destination[(written + 3)..]);
        written += 5;
        return true;
    }

    private static void TwoDigits(int value, Span<char> destination)
    {
        destination[0] = (char)('0' + (value / 10));
        destination[1] = (char)('0' + (value % 10));
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // decimal's own text never has an exponent or a group separator, and keeps the places it was given.
    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
