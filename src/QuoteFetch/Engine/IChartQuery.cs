namespace QuoteFetch;

/// <summary>
/// One kind of question to the chart endpoint, asked of many symbols by <see cref="BatchEngine"/>: how to ask it, how
/// to read the answer, and what a failure looks like. Everything else (fan-out, retries, deadline, cancellation, the
/// per-symbol catch-all) is the engine's, the same for every query.
/// </summary>
/// <typeparam name="TResult">One symbol's outcome, success or failure.</typeparam>
internal interface IChartQuery<TResult>
    where TResult : class
{
    /// <summary>The query's name in metrics and traces: <c>quote</c>, <c>history</c>.</summary>
    string Name { get; }

    /// <summary>The request for one symbol: a path and query string under the base address (<see cref="ChartRequestFactory"/>).</summary>
    HttpRequestMessage CreateRequest(Symbol symbol);

    /// <summary>
    /// Reads one answer into a result; the body is in memory already (<see cref="BufferedBody"/>). Redirects and
    /// refused Retry-After waits never get here. Whatever this throws becomes that symbol's failure in the engine.
    /// </summary>
    /// <param name="symbol">The symbol asked for.</param>
    /// <param name="response">The answer: status, headers and body.</param>
    /// <param name="attempts">How many attempts this answer ends (retries included).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    ValueTask<TResult> ReadAsync(
        string symbol,
        HttpResponseMessage response,
        int attempts,
        CancellationToken cancellationToken
    );

    /// <summary>The result for a symbol that got no usable answer.</summary>
    TResult Failure(string symbol, QuoteErrorKind kind, string message);

    /// <summary>Why the result is a failure, or null for a success (for the log line).</summary>
    QuoteError? ErrorOf(TResult result);
}
