using System.Buffers;
using System.Net;
using System.Text.Json;

namespace QuoteFetch;

/// <summary>Turns one chart response (status + body) into a <see cref="QuoteResult"/>; never throws for bad bodies.</summary>
internal static class ChartResponseReader
{
    // A chart body is 1–20 KB; anything near this cap is not a chart.
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    // The advice names CLI flags; moving it to the CLI is left for a later issue.
    private const string RateLimitedAdvice = "lower --concurrency or set --rate";

    private const int FirstBufferBytes = 16 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <param name="symbol">The symbol asked for.</param>
    /// <param name="response">The answer, headers read, body not yet.</param>
    /// <param name="attempts">How many attempts this answer ends (retries included), for the 429 message.</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    public static async ValueTask<QuoteResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts = 1,
        CancellationToken cancellationToken = default
    )
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.RateLimited, RateLimitedMessage(attempts));
        }
        if (!response.IsSuccessStatusCode && status != HttpStatusCode.NotFound)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.Http, StatusText(status, response.ReasonPhrase));
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
                int n;
                try
                {
                    n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                }
                // Bytes that are not what Content-Encoding says: GZipStream and DeflateStream throw
                // InvalidDataException, BrotliStream InvalidOperationException.
                catch (Exception ex)
                    when (ex is InvalidDataException
                        || (
                            ex is InvalidOperationException and not ObjectDisposedException
                            && Decompression(response.Content) is not null
                        )
                    )
                {
                    return NotDecompressed(symbol, response.Content);
                }
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
            return Parse(
                symbol,
                status,
                buffer.AsSpan(0, read),
                response.Content.Headers.ContentType?.MediaType,
                response.ReasonPhrase
            );
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <param name="symbol">The symbol asked for.</param>
    /// <param name="status">The answer's status: 2xx or 404.</param>
    /// <param name="body">The whole body.</param>
    /// <param name="mediaType">The Content-Type's media type, or null when there is none.</param>
    /// <param name="reasonPhrase">The status line's reason phrase, when there is one.</param>
    public static QuoteResult Parse(
        string symbol,
        HttpStatusCode status,
        ReadOnlySpan<byte> body,
        string? mediaType = null,
        string? reasonPhrase = null
    )
    {
        // A UTF-8 byte order mark is legal before JSON text (RFC 8259 lets a parser ignore it); Utf8JsonReader does not.
        if (body.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }
        if (body.IsEmpty && status != HttpStatusCode.NotFound)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, "the body is empty");
        }
        ChartFields fields;
        try
        {
            fields = ChartBodyParser.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or ChartBodyException && status == HttpStatusCode.NotFound)
        {
            return NotYahoo404(symbol, reasonPhrase);
        }
        catch (ChartBodyException ex)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, ex.Message);
        }
        catch (JsonException) when (!IsJson(mediaType))
        {
            return QuoteResult.Failure(
                symbol,
                QuoteErrorKind.BadResponse,
                $"the body is {BoundedText.Cap(mediaType)}, not JSON"
            );
        }
        catch (JsonException ex)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, $"invalid JSON ({ex.Message})");
        }
        return Map(symbol, status, fields, reasonPhrase);
    }

    public static QuoteResult Map(
        string symbol,
        HttpStatusCode status,
        in ChartFields chart,
        string? reasonPhrase = null
    )
    {
        // Only Yahoo's own "Not Found" says the symbol is unknown; any other 404 is from something else.
        if (chart.ErrorCode == "Not Found")
        {
            return NotFound(symbol, chart.ErrorDescription);
        }
        if (status == HttpStatusCode.NotFound)
        {
            return chart.HasError
                ? QuoteResult.Failure(
                    symbol,
                    QuoteErrorKind.Http,
                    $"{StatusText(status, reasonPhrase)}, {YahooError(chart)}"
                )
                : NotYahoo404(symbol, reasonPhrase);
        }
        if (chart.HasError)
        {
            return QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, YahooError(chart));
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
            chart.MarketTime,
            chart.PreviousClose ?? chart.ChartPreviousClose,
            chart.PriceHint
        );
        return QuoteResult.Success(symbol, quote);
    }

    /// <summary>"the source answered 429 Too Many Requests on all 4 attempts; lower --concurrency or set --rate".</summary>
    public static string RateLimitedMessage(int attempts) =>
        attempts > 1
            ? $"the source answered 429 Too Many Requests on all {attempts} attempts; {RateLimitedAdvice}"
            : $"the source answered 429 Too Many Requests; {RateLimitedAdvice}";

    private static bool IsJson(string? mediaType) =>
        mediaType is null
        || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static string StatusText(HttpStatusCode status, string? reasonPhrase) =>
        $"HTTP {(int)status} {BoundedText.Cap(reasonPhrase)}".TrimEnd();

    private static string YahooError(in ChartFields chart) =>
        chart.ErrorTextUnreadable
            ? "Yahoo reported an error whose text is not valid UTF-8"
            : $"Yahoo reported an error: {chart.ErrorCode}: {chart.ErrorDescription}";

    private static QuoteResult NotYahoo404(string symbol, string? reasonPhrase) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.Http,
            $"{StatusText(HttpStatusCode.NotFound, reasonPhrase ?? "Not Found")}, and the body is not a Yahoo chart answer; is the base URL a Yahoo chart API?"
        );

    // HttpClient decompresses on its own and hides the Content-Encoding it undid; the content's type still tells.
    private static (string Token, string Name)? Decompression(HttpContent content) =>
        content.GetType().Name switch
        {
            "GZipDecompressedContent" => ("gzip", "gzip"),
            "DeflateDecompressedContent" => ("deflate", "deflate"),
            "BrotliDecompressedContent" => ("br", "Brotli"),
            _ => null,
        };

    private static QuoteResult NotDecompressed(string symbol, HttpContent content) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.BadResponse,
            Decompression(content) is { } encoding
                ? $"the body is not valid {encoding.Name} data (Content-Encoding: {encoding.Token})"
                : "the body does not decompress as its Content-Encoding says"
        );

    private static QuoteResult TooLarge(string symbol) =>
        QuoteResult.Failure(symbol, QuoteErrorKind.BadResponse, $"the body is larger than {MaxBodyBytes / 1024} KiB");

    private static QuoteResult NotFound(string symbol, string? description) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.NotFound,
            string.IsNullOrWhiteSpace(description) ? "Yahoo does not know this symbol (HTTP 404)" : description
        );
}
