namespace QuoteFetch;

/// <summary>
/// Which Yahoo currency pairs convert one currency into another, and the rate they give. <c>GBPUSD=X</c> prices one GBP
/// in USD (its <c>meta.currency</c> is USD). A direct pair is preferred; then the inverse pair, inverted; then a cross
/// through USD, each leg direct or inverse.
/// </summary>
internal static class FxPairs
{
    public const string Usd = "USD";

    /// <summary>The pair whose price is units of <paramref name="to"/> per one <paramref name="from"/>.</summary>
    public static string Pair(string from, string to) => from + to + "=X";

    /// <summary>Every pair a fallback may use once the direct pair failed: the inverse, and both ways of both legs.</summary>
    public static IEnumerable<string> Fallbacks(string from, string to)
    {
        yield return Pair(to, from);
        if (from != Usd && to != Usd)
        {
            yield return Pair(from, Usd);
            yield return Pair(Usd, from);
            yield return Pair(to, Usd);
            yield return Pair(Usd, to);
        }
    }

    /// <summary>
    /// The rate from <paramref name="from"/> to <paramref name="to"/> out of the pairs priced so far, or null with the
    /// reason.
    /// </summary>
    public static FxRate? Resolve(
        string from,
        string to,
        IReadOnlyDictionary<string, QuoteResult> priced,
        out QuoteError? problem
    )
    {
        if (FindLeg(from, to, priced) is { } single)
        {
            problem = null;
            return new FxRate
            {
                From = from,
                To = to,
                Pair = single.Pair,
                Rate = single.Rate,
                Inverted = single.Inverted,
                MarketTime = single.MarketTime,
            };
        }
        if (
            from != Usd
            && to != Usd
            && FindLeg(from, Usd, priced) is { } first
            && FindLeg(Usd, to, priced) is { } second
        )
        {
            problem = null;
            return new FxRate
            {
                From = from,
                To = to,
                Pair = $"{first.Name} * {second.Name}",
                Rate = first.Rate * second.Rate,
                Via = Usd,
                MarketTime =
                    first.MarketTime is { } a && second.MarketTime is { } b
                        ? (a < b ? a : b)
                        : first.MarketTime ?? second.MarketTime,
            };
        }
        var direct = Pair(from, to);
        var inverse = Pair(to, from);
        var kind =
            priced.TryGetValue(direct, out var result) && result.Error is { } error
                ? error.Kind
                : QuoteErrorKind.BadResponse;
        var tried = $"{direct} ({Why(direct, to, priced)}), {inverse} ({Why(inverse, from, priced)})";
        problem = new QuoteError
        {
            Kind = kind,
            Message =
                $"no {from} to {to} rate: {tried}" + (from != Usd && to != Usd ? ", and no cross through USD" : ""),
        };
        return null;
    }

    private static Leg? FindLeg(string from, string to, IReadOnlyDictionary<string, QuoteResult> priced)
    {
        var direct = Pair(from, to);
        if (Price(direct, to, priced) is { } rate)
        {
            return new Leg(direct, direct, rate.Price, false, rate.MarketTime);
        }
        var inverse = Pair(to, from);
        if (Price(inverse, from, priced) is { } other)
        {
            // decimal division: exact where the quotient terminates within 28 digits, else correct to 28 digits.
            return new Leg(inverse, "1/" + inverse, 1m / other.Price, true, other.MarketTime);
        }
        return null;
    }

    /// <summary>The price of a pair in its major unit, when priced, positive and in the currency the pair names.</summary>
    private static (decimal Price, DateTimeOffset? MarketTime)? Price(
        string pair,
        string quoteCurrency,
        IReadOnlyDictionary<string, QuoteResult> priced
    )
    {
        if (!priced.TryGetValue(pair, out var result) || result.Quote is not { Price: > 0 } quote)
        {
            return null;
        }
        if (quote.Currency is null)
        {
            return (quote.Price, quote.MarketTime);
        }
        var (major, perMajor) = CurrencyUnits.ToMajor(quote.Currency);
        return major == quoteCurrency ? (quote.Price / perMajor, quote.MarketTime) : null;
    }

    private static string Why(string pair, string quoteCurrency, IReadOnlyDictionary<string, QuoteResult> priced) =>
        !priced.TryGetValue(pair, out var result) ? "not asked"
        : result.Error is { } error ? error.Kind.ToWireName()
        : result.Quote is { Price: <= 0 } ? "no positive price"
        : $"priced in {result.Quote?.Currency}, not {quoteCurrency}";

    /// <param name="Pair">The Yahoo symbol.</param>
    /// <param name="Name">How the rate is written: the pair, or 1/pair when inverted.</param>
    /// <param name="Rate">Units of the leg's target per one of its source.</param>
    /// <param name="Inverted">Whether <paramref name="Rate"/> is one over the pair's price.</param>
    /// <param name="MarketTime">When the pair's price was set.</param>
    private sealed record Leg(string Pair, string Name, decimal Rate, bool Inverted, DateTimeOffset? MarketTime);
}
