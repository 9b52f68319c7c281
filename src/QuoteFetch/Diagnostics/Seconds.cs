using System.Globalization;

namespace QuoteFetch;

/// <summary>Spans of time as the library's messages and log lines write them: in seconds, as a person reads them.</summary>
internal static class Seconds
{
    /// <summary>"0.5", "30", "3600": milliseconds matter for short waits only.</summary>
    public static string Of(TimeSpan delay) =>
        delay.TotalSeconds.ToString(delay < TimeSpan.FromSeconds(10) ? "0.###" : "0", CultureInfo.InvariantCulture);

    /// <summary>"0.25", "86400": a span in seconds to the millisecond, for limits and settings.</summary>
    public static string Exact(TimeSpan delay) => delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
