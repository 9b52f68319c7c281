using System.Runtime.CompilerServices;

namespace QuoteFetch;

public sealed partial class QuoteClient
{
    /// <summary>
    /// Fetches the price history of all symbols concurrently, with the same concurrency, retries, rate limit, deadline
    /// and per-symbol errors as <see cref="GetQuotesAsync"/>, and yields each result as soon as it arrives, in
    /// completion order. Invalid symbols come first, without a request.
    /// </summary>
    /// <param name="symbols">The symbols; repeats are dropped (first occurrence wins).</param>
    /// <param name="request">The range or dates, the interval and whether to include dividends and splits.</param>
    /// <param name="cancellationToken">
    /// Stops the batch: the sequence then ends normally, after one <see cref="QuoteErrorKind.Cancelled"/> result for each
    /// symbol still open.
    /// </param>
    /// <returns>One result per distinct symbol.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="symbols"/> or <paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// Yahoo would refuse <paramref name="request"/> (<see cref="HistoryRequest.TryValidate"/> with today's UTC date from
    /// the client's <see cref="TimeProvider"/>): thrown when enumeration starts, before anything is sent.
    /// </exception>
    public async IAsyncEnumerable<HistoryResult> GetHistoryAsync(
        IEnumerable<string> symbols,
        HistoryRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        var query = HistoryQueryFor(request);
        await foreach (
            var (_, result) in _engine
                .RunAsync(query, SymbolParser.Parse(symbols), cancellationToken)
                .ConfigureAwait(false)
        )
        {
            yield return result;
        }
    }

    /// <summary>Fetches the price history of all symbols and returns the results in input order (repeats removed).</summary>
    /// <param name="symbols">The symbols.</param>
    /// <param name="request">The range or dates, the interval and whether to include dividends and splits.</param>
    /// <param name="cancellationToken">Stops the batch; the symbols still open end as <see cref="QuoteErrorKind.Cancelled"/>.</param>
    /// <returns>One result per distinct symbol.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="symbols"/> or <paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// Yahoo would refuse <paramref name="request"/> (<see cref="HistoryRequest.TryValidate"/> with today's UTC date from
    /// the client's <see cref="TimeProvider"/>); nothing is sent.
    /// </exception>
    public async Task<IReadOnlyList<HistoryResult>> GetHistoryInOrderAsync(
        IEnumerable<string> symbols,
        HistoryRequest request,
        CancellationToken cancellationToken = default
    )
    {
        var query = HistoryQueryFor(request);
        return await InInputOrderAsync(query, symbols, cancellationToken).ConfigureAwait(false);
    }

    // A request Yahoo would refuse is the caller's mistake, found before the batch: nothing is sent.
    private HistoryQuery HistoryQueryFor(HistoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        if (!request.TryValidate(today, out var problem))
        {
#pragma warning disable CA2208 // The whole request is at fault, and the message must stay the plain sentence.
            throw new ArgumentException(problem);
#pragma warning restore CA2208
        }
        return new HistoryQuery(_engine.Requests, request);
    }
}
