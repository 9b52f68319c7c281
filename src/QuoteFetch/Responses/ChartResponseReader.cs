using System.Net;
using System.Text.Json;

namespace QuoteFetch;

/// <summary>Turns one chart response (status + body stream) into a <see cref="QuoteResult"/>; never throws for bad bodies.</summary>
internal static class ChartResponseReader
{
    // A chart body is 1–20 KB; anything near this cap is not a chart.
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static async Task<QuoteResult> ReadAsync(
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
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            return QuoteResult.Failure(
                symbol,
                QuoteErrorKind.BadResponse,
                $"the body is larger than {MaxBodyBytes / 1024} KiB"
            );
        }

        ChartEnvelope? envelope;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bounded = new BoundedReadStream(body, MaxBodyBytes);
            envelope = await JsonSerializer
                .DeserializeAsync(bounded, ChartJsonContext.Default.ChartEnvelope, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException) when (status == HttpStatusCode.NotFound)
        {
            return NotFound(symbol, description: null);
        }
        catch (JsonException ex)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, $"invalid JSON ({ex.Message})");
        }
        catch (InvalidDataException ex)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, ex.Message);
        }
        return Map(symbol, status, envelope);
    }

    public const string RateLimitedMessage =
        "Yahoo answered 429 Too Many Requests on every attempt; lower --concurrency or set --rate";

    public static QuoteResult Map(string symbol, HttpStatusCode status, ChartEnvelope? envelope)
    {
        var chart = envelope?.Chart;
        var error = chart?.Error;
        if (status == HttpStatusCode.NotFound || error?.Code == "Not Found")
        {
            return NotFound(symbol, error?.Description);
        }
        if (error is not null)
        {
            return QuoteResult.Failure(
                symbol,
                QuoteErrorKind.BadResponse,
                $"Yahoo reported an error: {error.Code}: {error.Description}"
            );
        }
        if (chart is null)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the body has no 'chart' object");
        }
        if (chart.Result is not { Count: > 0 } results)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the body has no chart result");
        }
        if (results[0]?.Meta is not { } meta)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the chart result has no 'meta'");
        }
        if (meta.RegularMarketPrice is not { } price)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the chart has no regularMarketPrice");
        }
        var quote = new Quote(
            meta.Symbol ?? symbol,
            price,
            meta.Currency,
            meta.ExchangeName,
            meta.InstrumentType,
            meta.RegularMarketTime is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            meta.PreviousClose ?? meta.ChartPreviousClose,
            meta.PriceHint
        );
        return QuoteResult.Success(symbol, quote);
    }

    private static QuoteResult NotFound(string symbol, string? description) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.NotFound,
            string.IsNullOrWhiteSpace(description) ? "Yahoo does not know this symbol (HTTP 404)" : description
        );
}
