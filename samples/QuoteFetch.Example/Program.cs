using QuoteFetch;

// Ctrl+C stops the batch: the symbols still open end as `cancelled`, so nothing is lost.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

using var client = new QuoteClient(
    new QuoteClientOptions
    {
        // Yahoo unless a base URL is given: a mirror, a proxy, or the bundled fake server.
        BaseAddress = new Uri(args.Length > 0 ? args[0] : "https://query1.finance.yahoo.com"),
        MaxConcurrency = 16,
    }
);

// Streaming, in completion order: each result as soon as it arrives.
await foreach (var result in client.GetQuotesAsync(["AAPL", "MSFT", "FB"], cancellation.Token))
{
    Console.WriteLine(
        result.IsSuccess
            ? $"{result.Symbol} {result.Quote.Price} {result.Quote.Currency}"
            : $"{result.Symbol} {result.Error.Kind.ToWireName()}: {result.Error.Message}"
    );
}

// Or all at once, in input order.
IReadOnlyList<QuoteResult> all = await client.GetQuotesInOrderAsync(["AAPL", "MSFT"], cancellation.Token);
Console.WriteLine(string.Join(", ", all.Select(result => $"{result.Symbol}={result.Quote?.Price}")));
