namespace QuoteFetch;

/// <summary>
/// The arithmetic of a valuation, apart from any fetching: merge the holdings, pick the FX pairs, and value each
/// position out of the results. All in <see cref="decimal"/>, never rounded: rounding is for display.
/// </summary>
internal static class PortfolioValuer
{
    /// <summary>The base currency, upper-cased.</summary>
    /// <exception cref="ArgumentException">Not three ASCII letters, or a minor unit (GBX is pence: use GBP).</exception>
    public static string BaseCurrency(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CurrencyUnits.BaseCurrencyProblem(code, out var major) is { } problem
            ? throw new ArgumentException($"the base currency {problem}", nameof(code))
            : major;
    }

    /// <summary>The holdings with one entry per symbol (normalised), quantities and costs added, first-seen order.</summary>
    public static List<Holding> Merge(IEnumerable<Holding> holdings)
    {
        ArgumentNullException.ThrowIfNull(holdings);
        var merged = new List<Holding>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var holding in holdings)
        {
            ArgumentNullException.ThrowIfNull(holding);
            var symbol = SymbolParser.Normalize(holding.Symbol);
            if (!index.TryGetValue(symbol, out var at))
            {
                index[symbol] = merged.Count;
                merged.Add(holding with { Symbol = symbol });
                continue;
            }
            var earlier = merged[at];
            merged[at] = earlier with
            {
                Quantity = earlier.Quantity + holding.Quantity,
                // A cost known for only some of the rows is no cost basis of the whole position.
                Cost = earlier.Cost + holding.Cost,
                Currency = earlier.Currency ?? holding.Currency,
            };
        }
        return merged;
    }

    /// <summary>
    /// The holding's own currency, trimmed; null when it names none (blank counts as none): then Yahoo's is used. One
    /// rule for the first request, the rates wanted and the position, which disagreed on a blank one.
    /// </summary>
    private static string? GivenCurrency(Holding holding) =>
        string.IsNullOrWhiteSpace(holding.Currency) ? null : holding.Currency.Trim();

    /// <summary>The symbols of the first request: every position and the direct pair for each currency expected.</summary>
    public static IEnumerable<string> FirstRound(IReadOnlyList<Holding> holdings, string baseCurrency)
    {
        var pairs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var holding in holdings)
        {
            var currency = GivenCurrency(holding) is { } given
                ? CurrencyUnits.ToMajor(given).Major
                : ExchangeCurrencies.Guess(holding.Symbol);
            if (currency != baseCurrency)
            {
                pairs.Add(FxPairs.Pair(currency, baseCurrency));
            }
        }
        return holdings.Select(holding => holding.Symbol).Concat(pairs);
    }

    /// <summary>
    /// The pairs still worth asking for after a round: for each currency the positions turned out to be in that has no
    /// rate yet, its direct pair (if the guess missed it) and every fallback, minus what was already asked.
    /// </summary>
    public static List<string> NextRound(
        IReadOnlyList<Holding> holdings,
        IReadOnlyDictionary<string, QuoteResult> results,
        string baseCurrency
    )
    {
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var currency in Currencies(holdings, results))
        {
            if (currency == baseCurrency || FxPairs.Resolve(currency, baseCurrency, results, out _) is not null)
            {
                continue;
            }
            wanted.Add(FxPairs.Pair(currency, baseCurrency));
            wanted.UnionWith(FxPairs.Fallbacks(currency, baseCurrency));
        }
        wanted.ExceptWith(results.Keys);
        return [.. wanted];
    }

    /// <summary>Values every holding out of <paramref name="results"/> (the positions' prices and the pairs).</summary>
    public static PortfolioValuation Value(
        IReadOnlyList<Holding> holdings,
        IReadOnlyDictionary<string, QuoteResult> results,
        string baseCurrency
    )
    {
        var rates = new SortedDictionary<string, FxRate>(StringComparer.Ordinal);
        var missingRates = new Dictionary<string, QuoteError>(StringComparer.Ordinal);
        foreach (var currency in Currencies(holdings, results))
        {
            if (currency == baseCurrency)
            {
                continue;
            }
            if (FxPairs.Resolve(currency, baseCurrency, results, out var problem) is { } rate)
            {
                rates[currency] = rate;
            }
            else
            {
                missingRates[currency] = problem!;
            }
        }

        var positions = new List<PositionValue>(holdings.Count);
        var total = 0m;
        decimal? costTotal = null;
        decimal? gainTotal = null;
        var byCurrency = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var holding in holdings)
        {
            var position = Position(holding, results, baseCurrency, rates, missingRates);
            try
            {
                if (position.Value is { } value && position.ValueCurrency is { } valueCurrency)
                {
                    byCurrency[valueCurrency] = byCurrency.GetValueOrDefault(valueCurrency) + value;
                }
                if (position.ValueInBase is { } inBase)
                {
                    var newTotal = total + inBase;
                    var (newCost, newGain) = (costTotal, gainTotal);
                    if (position.CostInBase is { } costInBase)
                    {
                        newCost = (costTotal ?? 0m) + costInBase;
                        newGain = (gainTotal ?? 0m) + (inBase - costInBase);
                    }
                    (total, costTotal, gainTotal) = (newTotal, newCost, newGain);
                }
            }
            catch (OverflowException)
            {
                position = TooLarge(position);
            }
            positions.Add(position);
        }

        var excluded = new List<string>();
        for (var i = 0; i < positions.Count; i++)
        {
            if (positions[i].ValueInBase is not { } inBase)
            {
                excluded.Add(positions[i].Symbol);
                continue;
            }
            positions[i] = positions[i] with { WeightPercent = total == 0m ? null : inBase / total * 100m };
        }
        return new PortfolioValuation
        {
            BaseCurrency = baseCurrency,
            Positions = positions,
            Total = new PortfolioTotal
            {
                ValueInBase = total,
                CostInBase = costTotal,
                GainInBase = gainTotal,
                Positions = positions.Count - excluded.Count,
                Excluded = excluded,
            },
            Rates = [.. rates.Values],
            ValueByCurrency = byCurrency,
        };
    }

    /// <summary>The major currency each holding turned out to be in (override first, else what Yahoo sent).</summary>
    private static SortedSet<string> Currencies(
        IReadOnlyList<Holding> holdings,
        IReadOnlyDictionary<string, QuoteResult> results
    )
    {
        var currencies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var holding in holdings)
        {
            var currency =
                GivenCurrency(holding)
                ?? (results.TryGetValue(holding.Symbol, out var result) ? result.Quote?.Currency : null);
            if (!string.IsNullOrWhiteSpace(currency))
            {
                currencies.Add(CurrencyUnits.ToMajor(currency).Major);
            }
        }
        return currencies;
    }

    private static PositionValue Position(
        Holding holding,
        IReadOnlyDictionary<string, QuoteResult> results,
        string baseCurrency,
        SortedDictionary<string, FxRate> rates,
        Dictionary<string, QuoteError> missingRates
    )
    {
        var position = new PositionValue
        {
            Symbol = holding.Symbol,
            Quantity = holding.Quantity,
            Cost = holding.Cost,
        };
        if (!results.TryGetValue(holding.Symbol, out var result) || result.Quote is not { } quote)
        {
            return position with
            {
                Error = result?.Error ?? new QuoteError { Kind = QuoteErrorKind.Cancelled, Message = "not asked for" },
            };
        }
        var currency = GivenCurrency(holding) ?? quote.Currency;
        position = position with
        {
            Price = quote.Price,
            PreviousClose = quote.PreviousClose,
            Currency = currency,
            MarketTime = quote.MarketTime,
        };
        if (string.IsNullOrWhiteSpace(currency))
        {
            return position with
            {
                Error = new QuoteError
                {
                    Kind = QuoteErrorKind.BadResponse,
                    Message = "the answer names no currency, so the price cannot be converted",
                },
            };
        }
        try
        {
            var (major, perMajor) = CurrencyUnits.ToMajor(currency);
            var value = holding.Quantity * quote.Price / perMajor;
            var gain = holding.Cost is { } cost ? value - cost : (decimal?)null;
            position = position with
            {
                Value = value,
                ValueCurrency = major,
                Gain = gain,
                GainPercent = holding.Cost is { } basis && basis != 0m ? gain / basis * 100m : null,
            };
            var rate =
                major == baseCurrency ? 1m
                : rates.TryGetValue(major, out var fx) ? fx.Rate
                : (decimal?)null;
            if (rate is not { } known)
            {
                return position with { Error = missingRates[major] };
            }
            return position with { FxRate = known, ValueInBase = value * known, CostInBase = holding.Cost * known };
        }
        catch (OverflowException)
        {
            return TooLarge(position);
        }
    }

    private static PositionValue TooLarge(PositionValue position) =>
        position with
        {
            ValueInBase = null,
            CostInBase = null,
            WeightPercent = null,
            Error = new QuoteError
            {
                Kind = QuoteErrorKind.BadResponse,
                Message = "the value is too large for exact decimal arithmetic",
            },
        };
}
