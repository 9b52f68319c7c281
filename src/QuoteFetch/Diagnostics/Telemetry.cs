using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuoteFetch;

/// <summary>One client's instruments (see <see cref="QuoteFetchDiagnostics"/> for what each records) and the shared activity source.</summary>
internal sealed class Telemetry : IDisposable
{
    public static readonly ActivitySource Source = new(
        QuoteFetchDiagnostics.ActivitySourceName,
        typeof(Telemetry).Assembly.GetName().Version?.ToString(3)
    );

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _symbols;

    /// <param name="scope">What the meter belongs to (the client), so listeners can tell clients apart.</param>
    public Telemetry(object scope)
    {
        _meter = new Meter(
            new MeterOptions(QuoteFetchDiagnostics.MeterName)
            {
                Version = typeof(Telemetry).Assembly.GetName().Version?.ToString(3),
                Scope = scope,
            }
        );
        _requests = _meter.CreateCounter<long>(
            "quotefetch.requests",
            "{request}",
            "Symbols sent to the source, by outcome"
        );
        _duration = _meter.CreateHistogram<double>(
            "quotefetch.request.duration",
            "s",
            "Time from sending a symbol to its result, retries included"
        );
        _retries = _meter.CreateCounter<long>("quotefetch.retries", "{retry}", "Attempts retried, by reason");
        _symbols = _meter.CreateCounter<long>("quotefetch.symbols", "{symbol}", "Distinct symbols asked for");
    }

    public void SymbolsAsked(string query, int count) =>
        _symbols.Add(count, new KeyValuePair<string, object?>("query", query));

    public void Fetched(string query, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome }, { "query", query } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Retried(string reason) => _retries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
