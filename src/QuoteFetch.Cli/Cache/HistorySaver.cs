using System.Threading.Channels;

namespace QuoteFetch.Cli;

/// <summary>
/// Writes fetched histories to the cache beside the run, not between a result and its output line: a first run
/// stores every bar it prints (a year of 1,000 symbols is 252,000 rows), and SQLite's work for them can use the
/// other core while the batch goes on. One writer, so the saves reach the file in the order they were made. Each
/// transaction takes what is waiting, up to <see cref="MaxBarsPerTransaction"/> bars, so another process waits
/// milliseconds for the file.
/// </summary>
internal sealed class HistorySaver
{
    /// <summary>
    /// Histories fetched but not yet written. When the writer is behind, the batch waits for it; a process killed
    /// outright (SIGKILL, a crash) loses at most these, which the next run asks for again.
    /// </summary>
    public const int Capacity = 32;

    /// <summary>Bars written per transaction at most (a single history larger than this is one transaction).</summary>
    public const int MaxBarsPerTransaction = 10_000;

    private readonly CacheStore _store;
    private readonly Channel<HistorySave> _waiting = Channel.CreateBounded<HistorySave>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }
    );
    private readonly Task _writing;

    public HistorySaver(CacheStore store)
    {
        _store = store;
        _writing = Task.Run(WriteAsync);
    }

    /// <summary>Queues <paramref name="save"/>; waits only while <see cref="Capacity"/> histories are waiting already.</summary>
    // No cancellation: what was fetched is stored even after Ctrl+C, and the writer is never stuck for longer than
    // the cache's busy timeout.
    public ValueTask SaveAsync(HistorySave save) => _waiting.Writer.WriteAsync(save, CancellationToken.None);

    /// <summary>Writes what is waiting and stops: every queued history is in the file (or the cache turned off) after.</summary>
    public Task CompleteAsync()
    {
        _waiting.Writer.TryComplete();
        return _writing;
    }

    private async Task WriteAsync()
    {
        var batch = new List<HistorySave>();
        var reader = _waiting.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var bars = 0;
                while (bars < MaxBarsPerTransaction && reader.TryRead(out var save))
                {
                    batch.Add(save);
                    bars += save.History.Bars.Count;
                }
                // The cache's own failures turn it off inside the store (one warning); later saves are skipped there.
                _store.SaveDays(batch);
                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            // A defect: the batch must not wait forever on a queue nobody reads. Its next save throws this.
            _waiting.Writer.TryComplete(ex);
            throw;
        }
    }
}
