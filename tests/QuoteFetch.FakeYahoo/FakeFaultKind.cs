namespace QuoteFetch.FakeYahoo;

/// <summary>What a <see cref="FakeFault"/> does to a chart request.</summary>
public enum FakeFaultKind
{
    /// <summary>429 with Yahoo's plain-text edge body and an optional Retry-After.</summary>
    TooManyRequests,

    /// <summary>An arbitrary status code with a short plain-text body.</summary>
    Status,

    /// <summary>The connection (HTTP/1.1) or stream (HTTP/2) is aborted before any response.</summary>
    ResetConnection,

    /// <summary>The normal answer, sent after an extra delay.</summary>
    Delay,

    /// <summary>200 announcing the full Content-Length, half the body, then an abort.</summary>
    TruncatedBody,

    /// <summary>200 with a body that stops in the middle of a JSON number.</summary>
    BrokenJson,

    /// <summary>200 whose chart.result is null and chart.error is set.</summary>
    ChartErrorWith200,

    /// <summary>200, chunked, streaming a very large body.</summary>
    HugeBody,

    /// <summary>A normal synthetic body whose exchange names carry console markup and control characters.</summary>
    MarkupInExchange,

    /// <summary>404 whose chart.error.description is a spreadsheet formula.</summary>
    FormulaInError,

    /// <summary>200 with regularMarketPrice null.</summary>
    NullPrice,

    /// <summary>200 with "result": [] and no error.</summary>
    EmptyResult,

    /// <summary>200 with "result": [ {} ].</summary>
    MissingMeta,

    /// <summary>Any status, headers and body bytes, sent verbatim (see <see cref="FakeFault.Raw"/>).</summary>
    Raw,
}
