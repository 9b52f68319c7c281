using System.Buffers;
using System.Net;
using System.Text.Json;

namespace QuoteFetch;

/// <summary>Turns one chart response (status + body) into a <see cref="QuoteResult"/>; never throws for bad bodies.</summary>
internal static class ChartResponseReader
{
    // A chart body is 1–20 KB; anything near this cap is not a chart.
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    public const string RateLimitedMessage =
        "Yahoo answered 429 Too Many Requests on every attempt; lower --concurrency or set --rate";

    private const int FirstBufferBytes = 16 * 1024;

    public static async ValueTask<QuoteResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        CancellationToken cancellationToken = default
    )
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.RateLimited, RateLimitedMessage);
        }
        if (!response.IsSuccessStatusCode && status != HttpStatusCode.NotFound)
        {
            return QuoteResult.Failure(
                symbol,
                QuoteErrorKind.Http,
                $"HTTP {(int)status} {response.ReasonPhrase}".TrimEnd()
            );
        }
        var declared = response.Content.Headers.ContentLength;
        if (declared > MaxBodyBytes)
        {
            return TooLarge(symbol);
        }

        // The body goes into one pooled buffer and is parsed from there: no stream adapters, no copies as strings.
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } length ? (int)length + 1 : FirstBufferBytes);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var read = 0;
            // Reads one byte past the cap at most, so a body of exactly the cap passes and a longer one is caught.
            while (read <= MaxBodyBytes)
            {
                if (read == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, read).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            if (read > MaxBodyBytes)
            {
                return TooLarge(symbol);
            }
            return Parse(symbol, status, buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static QuoteResult Parse(string symbol, HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        ChartFields fields;
        try
        {
            fields = ChartBodyParser.Parse(body);
        }
        catch (JsonException) when (status == HttpStatusCode.NotFound)
        {
            return NotFound(symbol, description: null);
        }
        catch (JsonException ex)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, $"invalid JSON ({ex.Message})");
        }
        return Map(symbol, status, fields);
    }

    public static QuoteResult Map(string symbol, HttpStatusCode status, in ChartFields chart)
    {
        if (status == HttpStatusCode.NotFound || chart.ErrorCode == "Not Found")
        {
            return NotFound(symbol, chart.ErrorDescription);
        }
        if (chart.HasError)
        {
            return QuoteResult.Failure(
                symbol,
                QuoteErrorKind.BadResponse,
                $"Yahoo reported an error: {chart.ErrorCode}: {chart.ErrorDescription}"
            );
        }
        if (!chart.HasChart)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the body has no 'chart' object");
        }
        if (!chart.HasResult)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the body has no chart result");
        }
        if (!chart.HasMeta)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the chart result has no 'meta'");
        }
        if (chart.Price is not { } price)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the chart has no regularMarketPrice");
        }
        var quote = new Quote(
            chart.Symbol ?? symbol,
            price,
            chart.Currency,
            chart.Exchange,
            chart.InstrumentType,
            chart.MarketTime is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            chart.PreviousClose ?? chart.ChartPreviousClose,
            chart.PriceHint
        );
        return QuoteResult.Success(symbol, quote);
    }

    private static QuoteResult TooLarge(string symbol) =>
        QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, $"the body is larger than {MaxBodyBytes / 1024} KiB");

    private static QuoteResult NotFound(string symbol, string? description) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.NotFound,
            string.IsNullOrWhiteSpace(description) ? "Yahoo does not know this symbol (HTTP 404)" : description
        );
}
