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

    public static string Date(DateTimeOffset time, bool intraday) =>
        time.ToString(intraday ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // decimal's own text never has an exponent or a group separator, and keeps the places it was given.
    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
