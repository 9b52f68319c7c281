using Polly;

namespace QuoteFetch;

/// <summary>
/// One symbol's attempts, carried in its resilience context: the retry strategy counts each retry here, whoever built
/// the pipeline (the client itself or an HttpClientFactory), and the engine reads the count for the symbol's trace.
/// </summary>
internal sealed class FetchAttempts(Telemetry telemetry)
{
    public static readonly ResiliencePropertyKey<FetchAttempts> Key = new("QuoteFetch.Attempts");

    private int _count = 1;

    public int Count => Volatile.Read(ref _count);

    public void Retried(string reason)
    {
        Interlocked.Increment(ref _count);
        telemetry.Retried(reason);
    }
}
