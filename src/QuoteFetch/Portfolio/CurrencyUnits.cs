namespace QuoteFetch;

/// <summary>
/// Minor currency units Yahoo quotes some listings in, and their major currency: prices in these codes are divided
/// by 100 before any FX. The codes are case-sensitive: <c>GBp</c> is pence, <c>GBP</c> pounds.
/// </summary>
public static class CurrencyUnits
{
    private static readonly Dictionary<string, string> MajorByMinor = new(StringComparer.Ordinal)
    {
        ["GBp"] = "GBP",
        ["GBX"] = "GBP",
        ["ILA"] = "ILS",
        ["ZAc"] = "ZAR",
        ["ZAC"] = "ZAR",
    };

    /// <summary>Each minor unit handled and its major currency (100 minor units to one major).</summary>
    public static IReadOnlyDictionary<string, string> Minor => MajorByMinor;

    /// <summary>
    /// The major currency of <paramref name="code"/> and how many of <paramref name="code"/> make one of it: 100 for
    /// a minor unit, else 1 (with the code upper-cased, so <c>usd</c> is <c>USD</c>).
    /// </summary>
    /// <param name="code">A currency code as Yahoo or a user wrote it.</param>
    /// <returns>The major code and the divisor.</returns>
    public static (string Major, decimal PerMajor) ToMajor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        var upper = trimmed.ToUpperInvariant();
        // Exact first (GBp is pence, GBP pounds); then upper-cased, where no major code collides (gbx, ila, zac).
        return MajorByMinor.TryGetValue(trimmed, out var major) || MajorByMinor.TryGetValue(upper, out major)
            ? (major, 100m)
            : (upper, 1m);
    }

    /// <summary>Whether <paramref name="code"/> is a minor unit (pence, agorot, cents) rather than a currency.</summary>
    /// <param name="code">A currency code.</param>
    /// <returns>True for <c>GBp</c>, <c>GBX</c>, <c>ILA</c>, <c>ZAc</c>, <c>ZAC</c>.</returns>
    public static bool IsMinor(string code) => ToMajor(code).PerMajor != 1m;

    /// <summary>Checks a base currency: three ASCII letters, upper-cased, and a currency rather than a minor unit.</summary>
    /// <param name="code">The code as given, e.g. <c>usd</c>.</param>
    /// <param name="major">The code upper-cased, e.g. <c>USD</c>, when it is usable.</param>
    /// <returns>Null when usable, else what is wrong with it in plain words (the code echoed without control characters).</returns>
    public static string? BaseCurrencyProblem(string? code, out string major)
    {
        var trimmed = (code ?? "").Trim();
        major = trimmed.ToUpperInvariant();
        if (trimmed.Length != 3 || !trimmed.All(char.IsAsciiLetter))
        {
            var shown = new string([.. trimmed.Take(12).Select(c => char.IsControl(c) ? '?' : c)]);
            return $"must be a three-letter currency code such as USD, not '{shown}'";
        }
        var (unit, perMajor) = ToMajor(trimmed);
        if (perMajor != 1m)
        {
            return $"{trimmed} is a minor unit (a hundredth of {unit}); use {unit}";
        }
        major = unit;
        return null;
    }
}
