using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// CSV with a header row; prices rounded for display, text cells cleaned, quoted per RFC 4180 and formula-safe.
/// Rows stream: each is flushed as soon as no further result is ready.
/// </summary>
internal sealed class CsvQuoteWriter(int? decimals) : IQuoteWriter
{
    public const string Header = "symbol,price,currency,exchange,market_time,error_kind,error_message";

    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(Header).ConfigureAwait(false);
        await Streaming
            .WriteEachAsync(results, output, result => output.WriteLineAsync(FormatRow(result)))
            .ConfigureAwait(false);
    }

    public string FormatRow(QuoteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
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
