using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace QuoteFetch.FakeYahoo;

/// <summary>What the server has seen; every member is safe to call from any thread.</summary>
internal sealed class ServerStats
{
    // Benchmarks send millions of requests; keeping every raw target would grow without bound.
    public const int MaxRawTargets = 100_000;

    private readonly ConcurrentDictionary<string, StrongBox<int>> _attemptsBySymbol = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _rawTargets = new();
    private readonly ConcurrentDictionary<string, string> _lastQueryBySymbol = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _protocols = new(StringComparer.Ordinal);
    private int _rawTargetCount;
    private int _requestCount;
    private int _requestsInFlight;
    private int _maxRequestsInFlight;
    private int _connectionCount;
    private int _openConnections;
    private int _maxOpenConnections;
    private volatile string? _lastUserAgent;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public int MaxConcurrentConnections => Volatile.Read(ref _maxOpenConnections);

    public int MaxConcurrentRequests => Volatile.Read(ref _maxRequestsInFlight);

    public IReadOnlyCollection<string> RawTargets => _rawTargets.ToArray();

    public string? LastUserAgent => _lastUserAgent;

    public IReadOnlyCollection<string> ProtocolsSeen => [.. _protocols.Keys];

    public int RequestsFor(string symbol) =>
        _attemptsBySymbol.TryGetValue(symbol, out var attempts) ? Volatile.Read(ref attempts.Value) : 0;

    public string? LastQueryFor(string symbol) => _lastQueryBySymbol.GetValueOrDefault(symbol);

    /// <summary>Records a chart request and returns its attempt number for the symbol, from 1.</summary>
    public int RecordRequest(string symbol, string rawTarget, string protocol, string? userAgent, string query)
    {
        _lastQueryBySymbol[symbol] = query;
        Interlocked.Increment(ref _requestCount);
        _lastUserAgent = userAgent;
        _protocols.TryAdd(protocol, 0);
        _rawTargets.Enqueue(rawTarget);
        if (Interlocked.Increment(ref _rawTargetCount) > MaxRawTargets && _rawTargets.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _rawTargetCount);
        }

        var attempts = _attemptsBySymbol.GetOrAdd(symbol, static _ => new StrongBox<int>());
        return Interlocked.Increment(ref attempts.Value);
    }

    public void RequestStarted() =>
        RaiseHighWater(ref _maxRequestsInFlight, Interlocked.Increment(ref _requestsInFlight));

    public void RequestEnded() => Interlocked.Decrement(ref _requestsInFlight);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionCount);
        RaiseHighWater(ref _maxOpenConnections, Interlocked.Increment(ref _openConnections));
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    /// <summary>
    /// Zeroes the totals and per-symbol attempts (so fault <see cref="FakeFault.Times"/> start over);
    /// the high-water marks restart from what is open right now, since those connections and requests still count.
    /// </summary>
    public void Reset()
    {
        Volatile.Write(ref _requestCount, 0);
        Volatile.Write(ref _connectionCount, 0);
        Volatile.Write(ref _maxOpenConnections, Volatile.Read(ref _openConnections));
        Volatile.Write(ref _maxRequestsInFlight, Volatile.Read(ref _requestsInFlight));
        _attemptsBySymbol.Clear();
        _lastQueryBySymbol.Clear();
        _rawTargets.Clear();
        Volatile.Write(ref _rawTargetCount, 0);
        _protocols.Clear();
        _lastUserAgent = null;
    }

    private static void RaiseHighWater(ref int highWater, int value)
    {
        var seen = Volatile.Read(ref highWater);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref highWater, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
