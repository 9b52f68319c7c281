using System.Net;

namespace QuoteFetch;

/// <summary>A symbol's price history: the chart endpoint with a range or dates, read whole by <see cref="HistoryBodyParser"/>.</summary>
internal sealed class HistoryQuery(ChartRequestFactory requests, HistoryRequest request)
    : IChartQuery<HistoryResult>,
        IChartAnswer<HistoryResult>
{
    // Built once per batch: every symbol asks the same question.
    private readonly string _query = request.ToQuery();

    public string Name => "history";

    public HttpRequestMessage CreateRequest(Symbol symbol) => requests.Create(symbol, _query);

    public ValueTask<HistoryResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts,
        CancellationToken cancellationToken
    ) => ChartResponseReader.ReadAsync(this, symbol, response, attempts, cancellationToken);

    // 400 and 422 carry Yahoo's reason for refusing a history request; any other status is only its status.
    public bool ReadsBody(HttpStatusCode status) => ChartResponseReader.BuffersBody(status);

    public HistoryResult Parse(string symbol, HttpStatusCode status, string? reasonPhrase, BufferedBody body) =>
        Map(symbol, status, reasonPhrase, HistoryBodyParser.Parse(status, body.Bytes));

    public HistoryResult Failure(string symbol, QuoteErrorKind kind, string message) =>
        HistoryResult.Failure(symbol, kind, message);

    public QuoteError? ErrorOf(HistoryResult result) => result.Error;

    private static HistoryResult Map(string symbol, HttpStatusCode status, string? reasonPhrase, HistoryBody parsed) =>
        parsed.Problem switch
        {
            HistoryBodyProblem.None => HistoryResult.Success(symbol, parsed.History!),
            // Only Yahoo's own "Not Found" says the symbol is unknown, as for quotes.
            HistoryBodyProblem.Refused when parsed.Code == "Not Found" => HistoryResult.Failure(
                symbol,
                QuoteErrorKind.NotFound,
                parsed.Message ?? "Yahoo does not know this symbol"
            ),
            // Yahoo refused the question (a start before the listing, intraday data it does not keep): its words.
            HistoryBodyProblem.Refused => HistoryResult.Failure(
                symbol,
                QuoteErrorKind.Http,
                $"{ChartResponseReader.StatusText(status, reasonPhrase)}: {parsed.Message}"
            ),
            // A 4xx without Yahoo's error object did not come from Yahoo's chart API.
            _ when (int)status is < 200 or > 299 => HistoryResult.Failure(
                symbol,
                QuoteErrorKind.Http,
                $"{ChartResponseReader.StatusText(status, reasonPhrase)}, and the body is not a Yahoo chart answer"
            ),
            _ => HistoryResult.Failure(symbol, QuoteErrorKind.BadResponse, parsed.Message ?? "the body is not a chart"),
        };
}
