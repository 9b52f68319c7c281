namespace QuoteFetch.Cli;

/// <summary>
/// Puts results that arrive in completion order back into input order, releasing each one as soon as every earlier
/// symbol's result is in: a slow symbol holds back only the ones after it, and a pipe sees rows while the batch runs.
/// </summary>
internal static class InputOrder
{
    /// <param name="results">Results in completion order, one per symbol of <paramref name="order"/>.</param>
    /// <param name="order">The symbols each result will carry, in input order (<see cref="QuoteClient.NormalizeSymbols"/>).</param>
    public static IAsyncEnumerable<QuoteResult> Restore(
        IAsyncEnumerable<QuoteResult> results,
        IReadOnlyList<string> order
    ) => Restore(results, order, result => result.Symbol);

    /// <param name="results">Results in completion order, one per symbol of <paramref name="order"/>.</param>
    /// <param name="order">The symbols each result will carry, in input order (<see cref="QuoteClient.NormalizeSymbols"/>).</param>
    /// <param name="symbolOf">The symbol a result carries.</param>
    public static async IAsyncEnumerable<T> Restore<T>(
        IAsyncEnumerable<T> results,
        IReadOnlyList<string> order,
        Func<T, string> symbolOf
    )
        where T : class
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(symbolOf);
        var positions = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            positions.TryAdd(order[i], i);
        }
        // One slot per symbol: what arrived early waits here, and the memory is one reference per symbol at most.
        var waiting = new T?[order.Count];
        var next = 0;
        List<T>? unexpected = null;
        await foreach (var result in results.ConfigureAwait(false))
        {
            if (
                !positions.TryGetValue(symbolOf(result), out var position)
                || position < next
                || waiting[position] is not null
            )
            {
                // Not asked for, or twice: never dropped, printed after the others.
                (unexpected ??= []).Add(result);
                continue;
            }
            waiting[position] = result;
            while (next < waiting.Length && waiting[next] is { } ready)
            {
                waiting[next++] = null;
                yield return ready;
            }
        }
        // A symbol whose result never came (the library promises one each) leaves a gap: print what came after it.
        for (; next < waiting.Length; next++)
        {
            if (waiting[next] is { } late)
            {
                yield return late;
            }
        }
        foreach (var result in unexpected ?? [])
        {
            yield return result;
        }
    }
}
