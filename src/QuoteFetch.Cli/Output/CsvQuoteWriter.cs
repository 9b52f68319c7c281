using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>CSV with a header row; prices rounded for display, text cells quoted per RFC 4180 and formula-safe.</summary>
internal sealed class CsvQuoteWriter(int? decimals, bool flushEachRow = false) : IQuoteWriter
{
    public const string Header = "symbol,price,currency,exchange,market_time,error_kind,error_message";

    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        await output.WriteLineAsync(Header).ConfigureAwait(false);
        await foreach (var result in results.ConfigureAwait(false))
        {
            await output.WriteLineAsync(FormatRow(result)).ConfigureAwait(false);
            if (flushEachRow)
            {
                await output.FlushAsync().ConfigureAwait(false);
            }
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    public string FormatRow(QuoteResult result)
    {
        var quote = result.Quote;
        return string.Join(
            ',',
            UntrustedText.ForCsv(result.Symbol),
            quote is null ? "" : PriceFormatter.Format(quote, decimals),
            UntrustedText.ForCsv(quote?.Currency),
            UntrustedText.ForCsv(quote?.Exchange),
            quote?.MarketTime?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "",
            result.Error?.Kind.ToWireName() ?? "",
            UntrustedText.ForCsv(result.Error?.Message)
        );
    }
}
