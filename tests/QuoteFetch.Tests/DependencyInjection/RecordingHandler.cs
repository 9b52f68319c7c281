using System.Collections.Concurrent;

namespace QuoteFetch.Tests.DependencyInjection;

/// <summary>A host's own handler: writes down every request that passes it, and the User-Agent it carried.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public ConcurrentQueue<(string Path, string UserAgent)> Seen { get; } = new();

    public int SeenFor(string symbol) => Seen.Count(seen => seen.Path.EndsWith("/" + symbol, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        Seen.Enqueue((request.RequestUri!.AbsolutePath, request.Headers.UserAgent.ToString()));
        return base.SendAsync(request, cancellationToken);
    }
}
