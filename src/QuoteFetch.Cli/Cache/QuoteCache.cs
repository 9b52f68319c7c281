using System.Globalization;
using System.Runtime.CompilerServices;

namespace QuoteFetch.Cli;

/// <summary>
/// The cache in front of the client for one run: quotes younger than their max-age and history days that have closed
/// are answered from <see cref="CacheStore"/>, everything else is asked for and then stored. Lives in the CLI, so the
/// library stays a plain client; the one thing it needed from the library is each answer's max-age (<see cref="Quote.MaxAge"/>).
/// </summary>
internal sealed partial class QuoteCache : IDisposable
{
    /// <summary>A quote's freshness when its answer carried no <c>Cache-Control: max-age</c> (Yahoo's usual value).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(10);

    private readonly CacheStore _store;
    private readonly CliConsole _console;
    private readonly bool _verbose;
    private int _saved;

    private QuoteCache(CacheStore store, CliConsole console, bool verbose)
    {
        _store = store;
        _console = console;
        _verbose = verbose;
    }

    /// <summary>Requests this run did not send because the cache answered them.</summary>
    public int RequestsSaved => Volatile.Read(ref _saved);

    /// <summary>The cache for this run, or null: --no-cache, no place for it, or it cannot be used (then warned).</summary>
    public static QuoteCache? Open(bool noCache, bool verbose, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (noCache || CacheLocation.Directory(console.GetEnvironmentVariable) is not { } directory)
        {
            return null;
        }
        return CacheStore.Open(directory, console.Error) is { } store ? new QuoteCache(store, console, verbose) : null;
    }

    /// <summary>
    /// The quotes of <paramref name="symbols"/>: those younger than <paramref name="maxAge"/> (by default each answer's
    /// own max-age, <see cref="DefaultMaxAge"/> when it had none) from the cache, first; the rest from
    /// <paramref name="client"/>, stored as they arrive. Only prices are stored, never failures.
    /// </summary>
    public async IAsyncEnumerable<QuoteResult> GetQuotesAsync(
        QuoteClient client,
        Uri baseUrl,
        IReadOnlyList<string> symbols,
        TimeSpan? maxAge,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        TimeSpan? cap = null
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(symbols);
        var source = Source(baseUrl);
        var now = _console.Time.GetUtcNow();
        var missing = new List<string>(symbols.Count);
        foreach (var symbol in symbols)
        {
            if (_store.FindQuote(source, symbol) is { } cached && IsFresh(cached, now, maxAge, cap, out var age))
            {
                Interlocked.Increment(ref _saved);
                await Log($"{symbol}: from the cache, asked {Seconds(age)} ago").ConfigureAwait(false);
                yield return QuoteResult.Success(symbol, cached.Quote);
            }
            else
            {
                missing.Add(symbol);
            }
        }
        if (missing.Count == 0)
        {
            yield break;
        }
        // The time the question was asked, not answered: an entry is never younger than the answer it holds.
        var asked = _console.Time.GetUtcNow();
        // Written a batch per transaction (one each was ~50 µs a symbol), and what is left when the batch ends or stops.
        var unsaved = new List<(string Symbol, Quote Quote)>(SaveBatch);
        try
        {
            await foreach (var result in client.GetQuotesAsync(missing, cancellationToken).ConfigureAwait(false))
            {
                if (result.Quote is { } quote)
                {
                    unsaved.Add((result.Symbol, quote));
                    if (unsaved.Count == SaveBatch)
                    {
                        _store.SaveQuotes(source, unsaved, asked);
                        unsaved.Clear();
                    }
                }
                yield return result;
            }
        }
        finally
        {
            if (unsaved.Count > 0)
            {
                _store.SaveQuotes(source, unsaved, asked);
            }
        }
    }

    /// <summary>Quotes written per transaction: short enough that another process waits a millisecond or so.</summary>
    private const int SaveBatch = 100;

    /// <summary>The quotes of <paramref name="symbols"/> (distinct, as <see cref="QuoteClient.NormalizeSymbols"/> gives them), in their order.</summary>
    /// <param name="cap">The most a default max-age may be (watch: half an interval, so a round never gets its own previous answers).</param>
    public async Task<IReadOnlyList<QuoteResult>> GetQuotesInOrderAsync(
        QuoteClient client,
        Uri baseUrl,
        IReadOnlyList<string> symbols,
        TimeSpan? maxAge,
        TimeSpan? cap,
        CancellationToken cancellationToken
    )
    {
        var bySymbol = new Dictionary<string, QuoteResult>(StringComparer.Ordinal);
        await foreach (
            var result in GetQuotesAsync(client, baseUrl, symbols, maxAge, cancellationToken, cap).ConfigureAwait(false)
        )
        {
            bySymbol[result.Symbol] = result;
        }
        return [.. symbols.Select(symbol => bySymbol[symbol])];
    }

    private static bool IsFresh(
        CachedQuote cached,
        DateTimeOffset now,
        TimeSpan? maxAge,
        TimeSpan? cap,
        out TimeSpan age
    )
    {
        age = now - cached.FetchedAt;
        var allowed = cached.Quote.MaxAge ?? DefaultMaxAge;
        allowed = cap is { } most && most < allowed ? most : allowed;
        // A clock that went back makes every entry suspect: ask again.
        return age >= TimeSpan.Zero && age < (maxAge ?? allowed);
    }

    /// <summary>The source part of every key: an entry from a mirror or a test server is never served for another.</summary>
    private static string Source(Uri baseUrl) => baseUrl.AbsoluteUri.TrimEnd('/');

    private async Task Log(string line)
    {
        if (_verbose)
        {
            await _console.Error.WriteLineAsync("quotefetch: " + UntrustedText.ForTerminal(line)).ConfigureAwait(false);
        }
    }

    private static string Seconds(TimeSpan age) =>
        age.TotalSeconds.ToString(age.TotalSeconds < 10 ? "0.0 's'" : "0 's'", CultureInfo.InvariantCulture);

    public void Dispose() => _store.Dispose();
}
