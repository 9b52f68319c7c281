namespace QuoteFetch;

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

    /// <summary>
    /// How many connection failures in a row mean "unreachable" for a batch of <paramref name="validSymbols"/> at
    /// <paramref name="concurrency"/>: one round of requests, at least <see cref="MinUnreachableProbes"/>, and never
    /// more than there are symbols.
    /// </summary>
    public static int ProbesFor(int concurrency, int validSymbols) =>
        Math.Min(Math.Clamp(concurrency, MinUnreachableProbes, MaxUnreachableProbes), validSymbols);

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
