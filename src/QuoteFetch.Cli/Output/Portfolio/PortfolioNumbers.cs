using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>How portfolio amounts are written: exact (JSON) or rounded half-to-even for display.</summary>
internal static class PortfolioNumbers
{
    public const int MoneyDecimals = 2;
    public const int PercentDecimals = 2;
    public const int RateDecimals = 6;
    public const int MaxPriceDecimals = 6;

    /// <summary>The same value without trailing zeros (30.5300 → 30.53): the JSON shows the number, not its scale.</summary>
    public static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;

    public static string Round(decimal value, int decimals) => PriceFormatter.Format(value, decimals);

    /// <summary>Rounded, with thousands separators, for people (1,234.57).</summary>
    public static string Grouped(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.ToEven)
            .ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A price with its own decimals, at least two and at most <see cref="MaxPriceDecimals"/>.</summary>
    public static string Price(decimal price) =>
        Round(price, Math.Clamp((int)Exact(price).Scale, MoneyDecimals, MaxPriceDecimals));

    /// <summary>A quantity exactly as held (fractions of shares and crypto are not rounded away).</summary>
    public static string Quantity(decimal quantity) => Exact(quantity).ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
