using System.Runtime.CompilerServices;

namespace QuoteFetch.Benchmarks;

/// <summary>A deterministic batch of results shaped like a real run: mostly priced, a few of each failure.</summary>
internal static class Results
{
    private static readonly DateTimeOffset MarketClose = DateTimeOffset.FromUnixTimeSeconds(1_764_018_000);

    public static QuoteResult[] Create(int count)
    {
        var results = new QuoteResult[count];
        for (var i = 0; i < count; i++)
        {
            var symbol = "S" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            results[i] = (i % 50) switch
            {
                // 2 % unknown to Yahoo, with its own message, as FB is today.
                0 => QuoteResult.Failure(symbol, QuoteErrorKind.NotFound, "No data found, symbol may be delisted"),
                // 2 % invalid input; the message has quotes and a comma, so CSV must quote it.
                25 => QuoteResult.Failure(
                    symbol,
                    QuoteErrorKind.InvalidSymbol,
                    $"'{symbol}$' is not a valid symbol: '$' is not allowed, \"use letters\""
                ),
                _ => QuoteResult.Success(symbol, NewQuote(symbol, i)),
            };
        }
        return results;
    }

    // The writers take the client's streaming sequence; this one completes synchronously, as a drained channel does.
    public static async IAsyncEnumerable<QuoteResult> AsAsync(
        QuoteResult[] results,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static Quote NewQuote(string symbol, int i)
    {
        // Prices with 0 to 4 decimals, some with a priceHint of 4 (currency pairs), as Yahoo sends them.
        var price = new decimal(1_000 + (i * 7_919 % 9_999_000), 0, 0, false, (byte)(i % 5));
        return new Quote
        {
            Symbol = symbol,
            Price = price,
            Currency = i % 10 == 3 ? "GBp" : "USD",
            Exchange = i % 3 == 0 ? "NYQ" : "NMS",
            InstrumentType = "EQUITY",
            MarketTime = MarketClose.AddSeconds(-i),
            PreviousClose = price * 0.99m,
            PriceHint = i % 20 == 7 ? 4 : 2,
        };
    }
}
