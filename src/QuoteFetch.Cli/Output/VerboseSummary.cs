using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// The line -v ends with: symbols, how many ok, failures by kind, requests and retries, latency percentiles and wall
/// time. Requests, retries and latencies come from the client's own metrics (<see cref="QuoteFetchDiagnostics"/>), so
/// the line counts what the library counted, retries included.
/// </summary>
internal sealed class VerboseSummary : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _durations = new();
    private readonly SortedDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _requests;
    private long _retries;
    private int _symbols;

    public VerboseSummary(QuoteClient client, TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this client's meter: its scope is the client.
            if (instrument.Meter.Name == QuoteFetchDiagnostics.MeterName && instrument.Meter.Scope == client)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(
            (instrument, value, _, _) =>
            {
                switch (instrument.Name)
                {
                    case "quotefetch.requests":
                        Interlocked.Add(ref _requests, value);
                        break;
                    case "quotefetch.retries":
                        Interlocked.Add(ref _retries, value);
                        break;
                }
            }
        );
        _listener.SetMeasurementEventCallback<double>(
            (instrument, value, _, _) =>
            {
                if (instrument.Name == "quotefetch.request.duration")
                {
                    _durations.Enqueue(value);
                }
            }
        );
        _listener.Start();
    }

    public async IAsyncEnumerable<T> Observe<T>(IAsyncEnumerable<T> results, Func<T, QuoteError?> errorOf)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(errorOf);
        await foreach (var result in results.ConfigureAwait(false))
        {
            _symbols++;
            if (errorOf(result) is { } error)
            {
                var kind = error.Kind.ToWireName();
                _failures[kind] = _failures.GetValueOrDefault(kind) + 1;
            }
            yield return result;
        }
    }

    /// <summary>E.g. <c>quotefetch: 9 symbols: 8 ok, 1 failed (not-found 1); 10 requests, 1 retry; latency p50 12 ms, p95 40 ms; 0.41 s</c>.</summary>
    /// <param name="requestsSaved">Requests the cache answered instead; shown when there were any.</param>
    public string Line(int? requestsSaved = null)
    {
        var failed = _failures.Values.Sum();
        var line = new StringBuilder().Append(
            CultureInfo.InvariantCulture,
            $"quotefetch: {Plural(_symbols, "symbol")}: "
        );
        line.Append(CultureInfo.InvariantCulture, $"{_symbols - failed} ok");
        if (failed > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", {failed} failed (")
                .AppendJoin(", ", _failures.Select(pair => $"{pair.Key} {pair.Value}"))
                .Append(')');
        }
        // Each symbol sent is one request, each retry one more.
        var requests = Interlocked.Read(ref _requests) + Interlocked.Read(ref _retries);
        line.Append(
            CultureInfo.InvariantCulture,
            $"; {Plural(requests, "request")}, {Plural(Interlocked.Read(ref _retries), "retry", "retries")}"
        );
        if (requestsSaved is { } saved and > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", {Plural(saved, "request")} saved by the cache");
        }
        var durations = _durations.Order().ToArray();
        if (durations.Length > 0)
        {
            line.Append(
                CultureInfo.InvariantCulture,
                $"; latency p50 {Milliseconds(Percentile(durations, 50))}, p95 {Milliseconds(Percentile(durations, 95))}"
            );
        }
        line.Append(CultureInfo.InvariantCulture, $"; {_time.GetElapsedTime(_started).TotalSeconds:0.00} s");
        return line.ToString();
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/>% of values at or below it.</summary>
    internal static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

    private static string Milliseconds(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms");

    private static string Plural(long count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many ?? one + "s")}");

    public void Dispose() => _listener.Dispose();
}
