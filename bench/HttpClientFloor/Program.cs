using Microsoft.Extensions.Http.Resilience;
using Polly;

// Usage: HttpClientFloor BASE_URL SYMBOLS_FILE [--resilience]  -> every chart body, one per line, on stdout.
// --resilience puts Polly's retry and timeout in front of the socket handler, as quotefetch does.
if (args.Length is < 2 or > 3 || (args.Length == 3 && args[2] != "--resilience"))
{
    await Console.Error.WriteLineAsync("usage: HttpClientFloor BASE_URL SYMBOLS_FILE [--resilience]");
    return 2;
}
var baseUrl = args[0].TrimEnd('/');
var symbols = await File.ReadAllLinesAsync(args[1]);
HttpMessageHandler handler = new SocketsHttpHandler { MaxConnectionsPerServer = 100, UseProxy = false };
if (args.Length == 3)
{
    var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, UseJitter = true })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();
    handler = new ResilienceHandler(pipeline) { InnerHandler = handler };
}
using var client = new HttpClient(handler);
using var stdout = Console.OpenStandardOutput();
using var output = new BufferedStream(stdout, 64 * 1024);
using var gate = new SemaphoreSlim(1);
await Parallel.ForEachAsync(
    symbols,
    new ParallelOptions { MaxDegreeOfParallelism = 100 },
    async (symbol, cancellationToken) =>
    {
        var body = await client.GetByteArrayAsync(
            new Uri($"{baseUrl}/v8/finance/chart/{Uri.EscapeDataString(symbol)}"),
            cancellationToken
        );
        await gate.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(body, cancellationToken);
            output.WriteByte((byte)'\n');
        }
        finally
        {
            gate.Release();
        }
    }
);
return 0;
