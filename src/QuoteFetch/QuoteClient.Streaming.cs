using System.Runtime.CompilerServices;

namespace QuoteFetch;

public sealed partial class QuoteClient
{
    /// <summary>
    /// Fetches all symbols concurrently (at most <see cref="QuoteClientOptions.MaxConcurrency"/> at once) and yields each
    /// result as soon as it arrives, in completion order. Invalid symbols come first, without a request.
    /// </summary>
    /// <param name="symbols">The symbols to price; repeats are dropped (first occurrence wins).</param>
    /// <param name="cancellationToken">
    /// Stops the batch: the sequence then ends normally, after one <see cref="QuoteErrorKind.Cancelled"/> result for each
    /// symbol still open, so nothing is lost.
    /// </param>
    /// <returns>One result per distinct symbol.</returns>
    public async IAsyncEnumerable<QuoteResult> GetQuotesAsync(
        IEnumerable<string> symbols,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        await foreach (
            var (_, result) in _engine
                .RunAsync(_quotes, SymbolParser.Parse(symbols), cancellationToken)
                .ConfigureAwait(false)
        )
        {
            yield return result;
        }
    }
}
