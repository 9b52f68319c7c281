namespace QuoteFetch;

/// <summary>How a <see cref="QuoteClient"/> talks to the source. Checked once, when the client is built.</summary>
public sealed class QuoteClientOptions
{
    /// <summary>The shortest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>The longest <see cref="Deadline"/> allowed.</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(7);

    /// <summary>The longest <see cref="RetryDelay"/> allowed.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="MaxRetryAfter"/> allowed.</summary>
    public static readonly TimeSpan MaxMaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>The lowest <see cref="RequestsPerSecond"/> allowed.</summary>
    public const double MinRequestsPerSecond = 0.01;

    /// <summary>The highest <see cref="RequestsPerSecond"/> allowed.</summary>
    public const double MaxRequestsPerSecond = 100_000;

    /// <summary>The highest <see cref="MaxConcurrency"/> allowed.</summary>
    public const int MaxMaxConcurrency = 10_000;

    /// <summary>The highest <see cref="MaxRetries"/> allowed.</summary>
    public const int MaxMaxRetries = 100;

    /// <summary>The source's base address; the chart path is appended to it, so mirrors and proxies under a path work.</summary>
    /// <value>The default value is <c>https://query1.finance.yahoo.com</c>.</value>
    public Uri BaseAddress { get; set; } = QuoteClientDefaults.BaseAddress;

    /// <summary>The most requests in flight at once; the connection pool is sized to match.</summary>
    /// <value>The default value is 16.</value>
    public int MaxConcurrency { get; set; } = QuoteClientDefaults.MaxConcurrency;

    /// <summary>How long one attempt may take, from sending to the end of the body.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan Timeout { get; set; } = QuoteClientDefaults.Timeout;

    /// <summary>How many times a transient failure (429, 5xx, 408, reset, attempt timeout) is retried; 0 disables retries.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; set; } = QuoteClientDefaults.MaxRetries;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter. A <c>Retry-After</c> header wins.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = QuoteClientDefaults.RetryDelay;

    /// <summary>
    /// The longest wait a source's <c>Retry-After</c> may impose, on one symbol's retry or as a pause of the whole batch.
    /// A symbol the source asks to wait longer (or past <see cref="Deadline"/>) is not retried: it ends as
    /// <see cref="QuoteErrorKind.RateLimited"/>, naming the wait asked for.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = QuoteClientDefaults.MaxRetryAfter;

    /// <summary>A limit for the whole batch; when it passes, the symbols still open end as <see cref="QuoteErrorKind.Timeout"/>.</summary>
    /// <value>The default value is <see langword="null"/>: no deadline.</value>
    public TimeSpan? Deadline { get; set; }

    /// <summary>A client-side limit on attempts per second (retries included), or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? RequestsPerSecond { get; set; }

    /// <summary>The <c>User-Agent</c> header sent with every request.</summary>
    /// <value>The default value is a current desktop browser's; Yahoo refuses bare clients with 429.</value>
    public string UserAgent { get; set; } = QuoteClientDefaults.UserAgent;

    /// <summary>The HTTP version to use.</summary>
    /// <value>The default value is <see cref="QuoteHttpVersion.Auto"/>.</value>
    public QuoteHttpVersion HttpVersion { get; set; } = QuoteHttpVersion.Auto;

    // Every setting, so a client keeps what it was built with whatever happens to this object later.
    internal QuoteClientOptions Copy() =>
        new()
        {
            BaseAddress = BaseAddress,
            MaxConcurrency = MaxConcurrency,
            Timeout = Timeout,
            MaxRetries = MaxRetries,
            RetryDelay = RetryDelay,
            MaxRetryAfter = MaxRetryAfter,
            Deadline = Deadline,
            RequestsPerSecond = RequestsPerSecond,
            UserAgent = UserAgent,
            HttpVersion = HttpVersion,
        };

    /// <summary>Checks every setting and throws for the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress);
        if (
            !BaseAddress.IsAbsoluteUri
            || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)
        )
        {
            throw new ArgumentException(
                $"The base address '{Redacted(BaseAddress)}' must be an absolute http:// or https:// URL.",
                nameof(BaseAddress)
            );
        }
        // Each would be dropped silently from every request (and userinfo echoed, password included, in errors).
        var extra =
            BaseAddress.UserInfo.Length > 0 ? "user name or password"
            : BaseAddress.Query.Length > 0 ? "query string"
            : BaseAddress.Fragment.Length > 0 ? "fragment"
            : null;
        if (extra is not null)
        {
            throw new ArgumentException(
                $"The base address '{Redacted(BaseAddress)}' must not have a {extra}: give scheme, host, port and path only.",
                nameof(BaseAddress)
            );
        }
        CheckRange(MaxConcurrency, 1, MaxMaxConcurrency, nameof(MaxConcurrency));
        CheckRange(Timeout, MinTimeout, MaxTimeout, nameof(Timeout));
        CheckRange(MaxRetries, 0, MaxMaxRetries, nameof(MaxRetries));
        CheckRange(RetryDelay, TimeSpan.Zero, MaxRetryDelay, nameof(RetryDelay));
        CheckRange(MaxRetryAfter, TimeSpan.Zero, MaxMaxRetryAfter, nameof(MaxRetryAfter));
        if (Deadline is { } deadline)
        {
            CheckRange(deadline, MinTimeout, MaxDeadline, nameof(Deadline));
        }
        if (RequestsPerSecond is { } rate)
        {
            CheckRange(rate, MinRequestsPerSecond, MaxRequestsPerSecond, nameof(RequestsPerSecond));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(UserAgent, nameof(UserAgent));
        // A CR or LF would end the header and start another one on the wire; anything outside printable ASCII is
        // refused by HttpClient on every request, so it is refused here, once.
        var bad = UserAgent.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (bad >= 0)
        {
            var c = UserAgent[bad];
            var what = char.IsControl(c) ? "control characters" : "characters outside printable ASCII";
            throw new ArgumentException(
                $"The User-Agent must not contain {what} (U+{(int)c:X4} at position {bad + 1}).",
                nameof(UserAgent)
            );
        }
        if (!Enum.IsDefined(HttpVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(HttpVersion), HttpVersion, "Unknown HTTP version.");
        }
    }

    // The address as it may be shown: scheme, host, port and path, never the user name or password.
    private static string Redacted(Uri address) =>
        address.IsAbsoluteUri
            ? address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(relative)";

    private static void CheckRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(
                name,
                Show(value),
                $"{name} must be between {Show(min)} and {Show(max)}."
            );
        }
    }

    // A TimeSpan in seconds ("0.01 s", "86400 s"), not .NET's "1.00:00:00"; numbers as they are.
    private static string Show<T>(T value) =>
        value is TimeSpan span
            ? Seconds.Exact(span) + " s"
            : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
