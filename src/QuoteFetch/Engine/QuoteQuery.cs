namespace QuoteFetch;

/// <summary>The current price of a symbol: the chart endpoint without parameters, read up to <c>meta</c>.</summary>
internal sealed class QuoteQuery(ChartRequestFactory requests) : IChartQuery<QuoteResult>
{
    public string Name => "quote";

    public HttpRequestMessage CreateRequest(Symbol symbol) => requests.Create(symbol);

    public ValueTask<QuoteResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts,
        CancellationToken cancellationToken
    ) => ChartResponseReader.ReadAsync(symbol, response, attempts, cancellationToken);

    public QuoteResult Failure(string symbol, QuoteErrorKind kind, string message) =>
        QuoteResult.Failure(symbol, kind, message);

    public QuoteError? ErrorOf(QuoteResult result) => result.Error;
}
