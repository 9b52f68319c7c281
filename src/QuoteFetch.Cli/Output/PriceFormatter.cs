using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>Rounds a price for display: half-to-even, like Python's <c>Decimal.quantize</c>.</summary>
internal static class PriceFormatter
{
    public const int DefaultDecimals = 2;
    public const int MaxDecimals = 12;

    /// <summary>
    /// The places to show: the user's <c>--decimals</c> when given, else two, or more when Yahoo's
    /// <c>priceHint</c> asks for more (currency pairs say 4).
    /// </summary>
    public static int DecimalsFor(Quote quote, int? requested) =>
        requested ?? Math.Clamp(Math.Max(DefaultDecimals, quote.PriceHint ?? DefaultDecimals), 0, MaxDecimals);

    public static string Format(decimal price, int decimals) =>
        Math.Round(price, decimals, MidpointRounding.ToEven)
            .ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(Quote quote, int? requested) => Format(quote.Price, DecimalsFor(quote, requested));
}
