using System.Runtime.CompilerServices;
using System.Threading.Channels;

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
            var (_, result) in FetchAllAsync(SymbolParser.Parse(symbols), cancellationToken).ConfigureAwait(false)
        )
        {
            yield return result;
        }
    }

    internal async IAsyncEnumerable<(int Index, QuoteResult Result)> FetchAllAsync(
        List<SymbolInput> inputs,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        var delivered = new bool[inputs.Count];
        foreach (var input in inputs)
        {
            if (!input.IsValid)
            {
                delivered[input.Index] = true;
                yield return (
                    input.Index,
                    QuoteResult.Failure(input.Text, QuoteErrorKind.InvalidSymbol, input.Problem!)
                );
            }
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Deadline is { } deadline)
        {
            run.CancelAfter(deadline);
        }
        var arrived = Channel.CreateUnbounded<(int, QuoteResult)>(new UnboundedChannelOptions { SingleReader = true });
        var pump = PumpAsync(inputs, arrived.Writer, run.Token);
        try
        {
            await foreach (var item in arrived.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                delivered[item.Item1] = true;
                yield return item;
            }
        }
        finally
        {
            // Also reached when the caller stops early: stop the requests still running.
            await run.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        var (kind, message) = cancellationToken.IsCancellationRequested
            ? (QuoteErrorKind.Cancelled, CancelledMessage)
            : (QuoteErrorKind.Timeout, DeadlineMessage);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!delivered[i])
            {
                yield return (i, QuoteResult.Failure(inputs[i].Text, kind, message));
            }
        }
    }

    private async Task PumpAsync(
        List<SymbolInput> inputs,
        ChannelWriter<(int, QuoteResult)> arrived,
        CancellationToken run
    )
    {
        try
        {
            await Parallel
                .ForEachAsync(
                    inputs.Where(input => input.IsValid),
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = run },
                    async (input, token) =>
                    {
                        var result = await FetchAsync(input.Symbol, token).ConfigureAwait(false);
                        if (result.Error?.Kind == QuoteErrorKind.Cancelled)
                        {
                            return; // the reader marks it, as cancelled or as past the deadline
                        }
                        arrived.TryWrite((input.Index, result));
                    }
                )
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Symbols never started are marked by the reader.
        }
        finally
        {
            arrived.TryComplete();
        }
    }
}
