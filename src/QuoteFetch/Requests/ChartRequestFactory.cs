using System.Net;

namespace QuoteFetch;

/// <summary>Builds the chart request for a symbol: one escaped path segment under the base address.</summary>
internal sealed class ChartRequestFactory
{
    private readonly string _prefix;
    private readonly Version _version;
    private readonly HttpVersionPolicy _policy;

    public ChartRequestFactory(Uri baseAddress, QuoteHttpVersion httpVersion)
    {
        _prefix = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v8/finance/chart/";
        (_version, _policy) = httpVersion switch
        {
            QuoteHttpVersion.Http11 => (HttpVersion.Version11, HttpVersionPolicy.RequestVersionExact),
            QuoteHttpVersion.Http2 => (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact),
            _ => (HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower),
        };
    }

    // EscapeDataString escapes every reserved character (/ ? # ^ = & %), so no symbol can leave its path segment.
    /// <param name="symbol">The symbol: one path segment.</param>
    /// <param name="query">The query string without '?', already escaped, or null for none.</param>
    public Uri ChartUri(Symbol symbol, string? query = null) =>
        new(
            query is null
                ? _prefix + Uri.EscapeDataString(symbol.Value)
                : _prefix + Uri.EscapeDataString(symbol.Value) + "?" + query,
            UriKind.Absolute
        );

    /// <inheritdoc cref="ChartUri"/>
    public HttpRequestMessage Create(Symbol symbol, string? query = null) =>
        new(HttpMethod.Get, ChartUri(symbol, query)) { Version = _version, VersionPolicy = _policy };
}
