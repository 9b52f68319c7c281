namespace QuoteFetch;

/// <summary>The current price of a symbol: the chart endpoint without parameters, read up to <c>meta</c>.</summary>
internal sealed class QuoteQuery(ChartRequestFactory requests) : IChartQuery<QuoteResult>
{
    public string Name => "quote";

    public HttpRequestMessage CreateRequest(Symbol symbol) => requests.Create(symbol);

    public async ValueTask<QuoteResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts,
        CancellationToken cancellationToken
    )
    {
        var result = await ChartResponseReader
            .ReadAsync(symbol, response, attempts, cancellationToken)
            .ConfigureAwait(false);
        // A cache in front of the client (the CLI's) must not keep an answer longer than the source allows.
        return result.Quote is { } quote && MaxAgeOf(response.Headers.CacheControl) is { } maxAge
            ? QuoteResult.Success(result.Symbol, quote with { MaxAge = maxAge })
            : result;
    }

    private static TimeSpan? MaxAgeOf(System.Net.Http.Headers.CacheControlHeaderValue? header) =>
        header is null ? null
        : header.NoStore || header.NoCache ? TimeSpan.Zero
        : header.MaxAge;

    public QuoteResult Failure(string symbol, QuoteErrorKind kind, string message) =>
        QuoteResult.Failure(symbol, kind, message);

    public QuoteError? ErrorOf(QuoteResult result) => result.Error;
}
