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

        using var deadline = _options.Deadline is { } limit ? new CancellationTokenSource(limit, _timeProvider) : null;
        using var run = deadline is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var valid = inputs.Count(input => input.IsValid);
        var batch = new Batch(
            Math.Min(
                Math.Clamp(_options.MaxConcurrency, Batch.MinUnreachableProbes, Batch.MaxUnreachableProbes),
                valid
            ),
            run,
            _timeProvider.GetUtcNow() + _options.Deadline
        );
        var arrived = Channel.CreateUnbounded<(int, QuoteResult)>(new UnboundedChannelOptions { SingleReader = true });
        var pump = PumpAsync(inputs, batch, arrived.Writer, run.Token);
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

        UnreachableReason = batch.UnreachableReason;
        var (kind, message) =
            cancellationToken.IsCancellationRequested ? (QuoteErrorKind.Cancelled, CancelledMessage)
            : batch.UnreachableReason is { } reason ? (QuoteErrorKind.Network, $"{NotSentMessage}: {reason}")
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
        Batch batch,
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
                        var result = await FetchAsync(input.Symbol, batch, token).ConfigureAwait(false);
                        if (result.Error?.Kind == QuoteErrorKind.Cancelled)
                        {
                            return; // the reader marks it: cancelled, unreachable or past the deadline
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

    internal const string NotSentMessage = "not sent: the source was unreachable";

    /// <summary>
    /// What one batch shares between its symbols: its deadline, and whether the source still answers. When
    /// <c>probes</c> symbols in a row fail at the connection level (nothing answered in between, of any status), the
    /// source is unreachable, also when it went down mid-run: the batch stops there.
    /// </summary>
    internal sealed class Batch(int probes, CancellationTokenSource run, DateTimeOffset? deadlineAt)
    {
        // Enough failures in a row to tell "unreachable" from one bad connection, few enough to stop in one round.
        public const int MaxUnreachableProbes = 8;

        // With one request at a time, one symbol whose connections all fail must not end the batch for the others.
        public const int MinUnreachableProbes = 3;

        private readonly Lock _lock = new();
        private int _failuresInARow;
        private string? _firstReason;
        private volatile string? _unreachableReason;

        public DateTimeOffset? DeadlineAt => deadlineAt;

        /// <summary>The first of the connection failures in a row that stopped the batch.</summary>
        public string? UnreachableReason => _unreachableReason;

        public void Answered()
        {
            if (Volatile.Read(ref _failuresInARow) == 0)
            {
                return;
            }
            lock (_lock)
            {
                _failuresInARow = 0;
                _firstReason = null;
            }
        }

        public void ConnectionFailed(string reason)
        {
            lock (_lock)
            {
                _firstReason ??= reason;
                if (++_failuresInARow < probes || _unreachableReason is not null)
                {
                    return;
                }
                _unreachableReason = _firstReason;
            }
            run.Cancel();
        }
    }
}
