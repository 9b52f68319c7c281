namespace QuoteFetch;

/// <summary>Which HTTP version QuoteFetch speaks to the source.</summary>
public enum QuoteHttpVersion
{
    /// <summary>HTTP/2 where the server offers it over TLS (as Yahoo does), else HTTP/1.1.</summary>
    Auto = 0,

    /// <summary>HTTP/1.1 only.</summary>
    Http11 = 1,

    /// <summary>HTTP/2 only; over plain <c>http://</c> this is HTTP/2 with prior knowledge (h2c).</summary>
    Http2 = 2,
}
