namespace QuoteFetch;

/// <summary>
/// A guess at a symbol's quote currency from its form (Yahoo's exchange suffix, a pair, a crypto ticker), made before
/// any price arrives so that the FX pairs can go in the same batch as the prices. Only a guess: the currency Yahoo
/// sends is what values the position, and a currency the guess missed costs one more round of requests.
/// </summary>
internal static class ExchangeCurrencies
{
    private static readonly Dictionary<string, string> BySuffix = new(StringComparer.Ordinal)
    {
        ["L"] = "GBP",
        ["IL"] = "GBP",
        ["TO"] = "CAD",
        ["V"] = "CAD",
        ["CN"] = "CAD",
        ["NE"] = "CAD",
        ["DE"] = "EUR",
        ["F"] = "EUR",
        ["PA"] = "EUR",
        ["AS"] = "EUR",
        ["MI"] = "EUR",
        ["MC"] = "EUR",
        ["BR"] = "EUR",
        ["LS"] = "EUR",
        ["VI"] = "EUR",
        ["HE"] = "EUR",
        ["IR"] = "EUR",
        ["SW"] = "CHF",
        ["TA"] = "ILS",
        ["JO"] = "ZAR",
        ["T"] = "JPY",
        ["HK"] = "HKD",
        ["AX"] = "AUD",
        ["NZ"] = "NZD",
        ["ST"] = "SEK",
        ["OL"] = "NOK",
        ["CO"] = "DKK",
        ["SI"] = "SGD",
        ["NS"] = "INR",
        ["BO"] = "INR",
        ["KS"] = "KRW",
        ["SA"] = "BRL",
        ["MX"] = "MXN",
    };

    /// <summary>The likely major currency of <paramref name="symbol"/> (normalised), USD when nothing says otherwise.</summary>
    public static string Guess(string symbol)
    {
        // EURUSD=X is priced in USD, BTC-EUR in EUR.
        if (symbol.Length == 8 && symbol.EndsWith("=X", StringComparison.Ordinal))
        {
            return symbol[3..6];
        }
        var dash = symbol.LastIndexOf('-');
        if (dash > 0 && symbol.Length - dash - 1 == 3 && symbol.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return symbol[(dash + 1)..];
        }
        var dot = symbol.LastIndexOf('.');
        return dot > 0 && BySuffix.TryGetValue(symbol[(dot + 1)..], out var currency) ? currency : FxPairs.Usd;
    }
}
