using System.Net;
using System.Text.Json;

namespace QuoteFetch;

/// <summary>Turns one chart response (status + body) into a <see cref="QuoteResult"/>; never throws for bad bodies.</summary>
internal static class ChartResponseReader
{
    // A chart body is 1–20 KB; anything near this cap is not a chart.
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <param name="symbol">The symbol asked for.</param>
    /// <param name="response">The answer, headers read, body not yet.</param>
    /// <param name="attempts">How many attempts this answer ends (retries included), for the 429 message.</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    public static ValueTask<QuoteResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts = 1,
        CancellationToken cancellationToken = default
    ) => ReadAsync(QuoteAnswer.Instance, symbol, response, attempts, cancellationToken);

    /// <summary>
    /// The read every chart query shares: 429 is rate-limited, a status whose body <paramref name="answer"/> does not
    /// read is <c>http</c>, a body too large or not decompressed is <c>bad-response</c>, and anything else is parsed
    /// by <paramref name="answer"/>. The body comes from the pipeline (read within the attempt) or is read here.
    /// </summary>
    public static async ValueTask<TResult> ReadAsync<TResult>(
        IChartAnswer<TResult> answer,
        string symbol,
        HttpResponseMessage response,
        int attempts,
        CancellationToken cancellationToken
    )
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
        {
            return answer.Failure(symbol, QuoteErrorKind.RateLimited, RateLimitedMessage(attempts));
        }
        if (!answer.ReadsBody(status))
        {
            return answer.Failure(symbol, QuoteErrorKind.Http, StatusText(status, response.ReasonPhrase));
        }
        var (body, owned) = await BodyOf(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return Unreadable(body) is { } why
                ? answer.Failure(symbol, QuoteErrorKind.BadResponse, why)
                : answer.Parse(symbol, status, response.ReasonPhrase, body);
        }
        finally
        {
            if (owned)
            {
                body.Dispose();
            }
        }
    }

    // A quote reads 2xx and 404 (Yahoo's "Not Found" comes with its own body) and stops after meta.
    private sealed class QuoteAnswer : IChartAnswer<QuoteResult>
    {
        public static readonly QuoteAnswer Instance = new();

        public bool ReadsBody(HttpStatusCode status) => ChartResponseReader.ReadsBody(status);

        public QuoteResult Parse(string symbol, HttpStatusCode status, string? reasonPhrase, BufferedBody body) =>
            ChartResponseReader.Parse(symbol, status, body.Bytes, body.MediaType, reasonPhrase);

        public QuoteResult Failure(string symbol, QuoteErrorKind kind, string message) =>
            QuoteResult.Failure(symbol, kind, message);
    }

    public static bool ReadsBody(HttpStatusCode status) =>
        status == HttpStatusCode.NotFound || ((int)status is >= 200 and < 300);

    /// <summary>
    /// Whether the pipeline reads the body of an answer with this status within the attempt: what any query reads,
    /// i.e. <see cref="ReadsBody"/> and the 400 and 422 that carry Yahoo's <c>chart.error</c> for a history request.
    /// </summary>
    public static bool BuffersBody(HttpStatusCode status) =>
        ReadsBody(status) || status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;

    /// <summary>The body as the pipeline kept it, or read here for a response from elsewhere (then owned by the caller).</summary>
    public static async ValueTask<(BufferedBody Body, bool Owned)> BodyOf(
        HttpResponseMessage response,
        CancellationToken cancellationToken
    ) =>
        response.Content is BufferedBody buffered
            ? (buffered, false)
            : (await BufferedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false), true);

    /// <summary>Why a kept body cannot be read at all, whatever the query: too large, or not decompressed; null when it can.</summary>
    public static string? Unreadable(BufferedBody body) =>
        body.TooLarge ? TooLargeMessage
        : body.NotDecompressed ? NotDecompressedMessage(body.Encoding)
        : null;

    /// <summary>"HTTP 500 Internal Server Error": the status line, its reason capped.</summary>
    public static string StatusText(HttpStatusCode status, string? reasonPhrase) =>
        $"HTTP {(int)status} {BoundedText.Cap(reasonPhrase)}".TrimEnd();

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
        var quote = new Quote
        {
            Symbol = chart.Symbol ?? symbol,
            Price = price,
            Currency = chart.Currency,
            Exchange = chart.Exchange,
            InstrumentType = chart.InstrumentType,
            MarketTime = chart.MarketTime,
            PreviousClose = chart.PreviousClose ?? chart.ChartPreviousClose,
            PriceHint = chart.PriceHint,
        };
        return QuoteResult.Success(symbol, quote);
    }

    /// <summary>"the source answered 429 Too Many Requests on all 4 attempts": what happened; the CLI adds what to do.</summary>
    public static string RateLimitedMessage(int attempts) =>
        attempts > 1
            ? $"the source answered 429 Too Many Requests on all {attempts} attempts"
            : "the source answered 429 Too Many Requests";

    private static bool IsJson(string? mediaType) =>
        mediaType is null
        || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

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

    private static string NotDecompressedMessage((string Token, string Name)? encoding) =>
        encoding is { } known
            ? $"the body is not valid {known.Name} data (Content-Encoding: {known.Token})"
            : "the body does not decompress as its Content-Encoding says";

    private static readonly string TooLargeMessage = $"the body is larger than {MaxBodyBytes / 1024} KiB";

    private static QuoteResult NotFound(string symbol, string? description) =>
        QuoteResult.Failure(
            symbol,
            QuoteErrorKind.NotFound,
            string.IsNullOrWhiteSpace(description) ? "Yahoo does not know this symbol (HTTP 404)" : description
        );
}
