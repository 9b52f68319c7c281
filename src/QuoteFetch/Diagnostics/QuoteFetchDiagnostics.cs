namespace QuoteFetch;

/// <summary>
/// The names QuoteFetch publishes its metrics and traces under, for a host to subscribe to (OpenTelemetry:
/// <c>AddMeter(QuoteFetchDiagnostics.MeterName)</c>, <c>AddSource(QuoteFetchDiagnostics.ActivitySourceName)</c>).
/// </summary>
/// <remarks>
/// <para>Metrics, on a <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/> (one per client, whose
/// <c>Scope</c> is the <see cref="QuoteClient"/>, so a listener can tell clients apart):</para>
/// <list type="bullet">
/// <item><c>quotefetch.requests</c> (counter, <c>{request}</c>): one per symbol sent, retries included in it; tags
/// <c>outcome</c> (<c>ok</c> or the error kind's wire name, e.g. <c>not-found</c>) and <c>query</c> (<c>quote</c>,
/// <c>history</c>).</item>
/// <item><c>quotefetch.request.duration</c> (histogram, <c>s</c>): from sending a symbol's first attempt to its result;
/// the same tags.</item>
/// <item><c>quotefetch.retries</c> (counter, <c>{retry}</c>): tag <c>reason</c> (<c>http-429</c>, <c>http-503</c>,
/// <c>timeout</c>, <c>network</c>, …).</item>
/// <item><c>quotefetch.symbols</c> (counter, <c>{symbol}</c>): distinct symbols asked for, invalid ones included; tag
/// <c>query</c>.</item>
/// </list>
/// <para>Traces, from an <see cref="System.Diagnostics.ActivitySource"/> named <see cref="ActivitySourceName"/>: one
/// <c>quotefetch.batch</c> activity per batch (tags <c>quotefetch.query</c>, <c>quotefetch.symbol.count</c>) and under
/// it one <c>quotefetch.fetch</c> per symbol sent (<c>quotefetch.symbol</c>, <c>quotefetch.outcome</c>,
/// <c>quotefetch.attempts</c>); HttpClient's own activities and <c>System.Net.Http</c> metrics nest under those.</para>
/// </remarks>
public static class QuoteFetchDiagnostics
{
    /// <summary>The name of every QuoteFetch <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "QuoteFetch";

    /// <summary>The name of QuoteFetch's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "QuoteFetch";
}
