namespace QuoteFetch;

internal static class QuoteClientDefaults
{
    public static readonly Uri BaseAddress = new("https://query1.finance.yahoo.com");

    // Enough to hide a ~50 ms round trip for thousands of symbols, few enough not to look like a flood to Yahoo.
    public const int MaxConcurrency = 16;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public const int MaxRetries = 3;

    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    // Long enough for a rate limit's usual minute-scale windows to be waited out in part, short enough to see progress.
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    // Yahoo answers bare HTTP clients with 429; a browser's agent string is what every Yahoo client sends.
    public const string UserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
}
