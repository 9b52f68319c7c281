namespace QuoteFetch.FakeYahoo;

/// <summary>
/// A misbehaviour the fake server applies to the first <see cref="Times"/> attempts for a symbol
/// (counted per symbol since start or <see cref="FakeYahooServer.ResetCounters"/>); later attempts
/// are answered normally, which is what retry tests need.
/// </summary>
public sealed record FakeFault
{
    /// <summary>The default for <c>times</c>: the fault never wears off.</summary>
    public const int Always = int.MaxValue;

    /// <summary>The default size of <see cref="HugeBody"/>: 8 MiB.</summary>
    public const long DefaultHugeBodyBytes = 8L * 1024 * 1024;

    private FakeFault(FakeFaultKind kind, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        Kind = kind;
        Times = times;
    }

    public FakeFaultKind Kind { get; }

    /// <summary>How many first attempts for a symbol get the fault (after <see cref="After"/>).</summary>
    public int Times { get; private init; }

    /// <summary>
    /// How many first attempts are answered normally before the fault starts: a fault in the second round of a watch
    /// is <c>fault.StartingAfter(1)</c>.
    /// </summary>
    public int After { get; private init; }

    /// <summary>This fault, starting only after the first <paramref name="attempts"/> attempts for a symbol.</summary>
    public FakeFault StartingAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        return this with { After = attempts };
    }

    /// <summary>Whether the fault applies to this attempt (counting from 1).</summary>
    public bool AppliesTo(int attempt) => attempt > After && attempt - After <= Times;

    /// <summary>The status code of <see cref="FakeFaultKind.Status"/> (429 for <see cref="FakeFaultKind.TooManyRequests"/>).</summary>
    public int StatusCode { get; private init; }

    /// <summary>The Retry-After header value sent with the status, when set.</summary>
    public string? RetryAfter { get; private init; }

    /// <summary>The extra wait of <see cref="FakeFaultKind.Delay"/>.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>The padding size of <see cref="FakeFaultKind.HugeBody"/>.</summary>
    public long Bytes { get; private init; }

    /// <summary>The body of <see cref="FakeFaultKind.Raw"/>, sent byte for byte.</summary>
    public ReadOnlyMemory<byte> Body { get; private init; }

    /// <summary>The Content-Type of <see cref="FakeFaultKind.Raw"/>, or none.</summary>
    public string? ContentType { get; private init; }

    /// <summary>Response headers of <see cref="FakeFaultKind.Raw"/>, set verbatim (e.g. Location, Content-Encoding).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <param name="retryAfter">Sent verbatim: delta seconds such as "2" or an HTTP date.</param>
    /// <param name="times">How many first attempts for a symbol get the fault.</param>
    public static FakeFault TooManyRequests(string? retryAfter = null, int times = Always) =>
        new(FakeFaultKind.TooManyRequests, times) { StatusCode = 429, RetryAfter = retryAfter };

    /// <param name="statusCode">E.g. 500, 502, 503, 504 or 408.</param>
    /// <param name="times">How many first attempts for a symbol get the fault.</param>
    /// <param name="retryAfter">Sent verbatim: delta seconds such as "2" or an HTTP date.</param>
    public static FakeFault Status(int statusCode, int times = Always, string? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(FakeFaultKind.Status, times) { StatusCode = statusCode, RetryAfter = retryAfter };
    }

    public static FakeFault ResetConnection(int times = Always) => new(FakeFaultKind.ResetConnection, times);

    /// <summary>Answers normally after <paramref name="delay"/>, unless the client gives up first.</summary>
    public static FakeFault Delay(TimeSpan delay, int times = Always)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(FakeFaultKind.Delay, times) { Duration = delay };
    }

    public static FakeFault TruncatedBody(int times = Always) => new(FakeFaultKind.TruncatedBody, times);

    public static FakeFault BrokenJson(int times = Always) => new(FakeFaultKind.BrokenJson, times);

    public static FakeFault ChartErrorWith200(int times = Always) => new(FakeFaultKind.ChartErrorWith200, times);

    /// <param name="bytes">Padding streamed inside a JSON string, in chunks, until the client stops reading.</param>
    /// <param name="times">How many first attempts for a symbol get the fault.</param>
    public static FakeFault HugeBody(long bytes = DefaultHugeBodyBytes, int times = Always)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new(FakeFaultKind.HugeBody, times) { Bytes = bytes };
    }

    public static FakeFault MarkupInExchange(int times = Always) => new(FakeFaultKind.MarkupInExchange, times);

    public static FakeFault FormulaInError(int times = Always) => new(FakeFaultKind.FormulaInError, times);

    public static FakeFault NullPrice(int times = Always) => new(FakeFaultKind.NullPrice, times);

    public static FakeFault EmptyResult(int times = Always) => new(FakeFaultKind.EmptyResult, times);

    public static FakeFault MissingMeta(int times = Always) => new(FakeFaultKind.MissingMeta, times);

    /// <summary>
    /// Any answer at all, byte for byte: what a hostile or broken server sends (a bad Content-Encoding, invalid
    /// UTF-8, a redirect anywhere). The server adds nothing but Content-Length.
    /// </summary>
    /// <param name="statusCode">The status code, 100–599.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">The Content-Type header, or null for none.</param>
    /// <param name="headers">More response headers, set verbatim.</param>
    /// <param name="times">How many first attempts for a symbol get the fault.</param>
    public static FakeFault Raw(
        int statusCode,
        ReadOnlyMemory<byte> body,
        string? contentType = "application/json;charset=utf-8",
        IReadOnlyDictionary<string, string>? headers = null,
        int times = Always
    )
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(FakeFaultKind.Raw, times)
        {
            StatusCode = statusCode,
            Body = body,
            ContentType = contentType,
            Headers = headers ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>A redirect (302 by default) to <paramref name="location"/>, sent verbatim.</summary>
    public static FakeFault Redirect(string location, int statusCode = 302, int times = Always) =>
        Raw(
            statusCode,
            ReadOnlyMemory<byte>.Empty,
            contentType: null,
            new Dictionary<string, string> { ["Location"] = location },
            times
        );
}
