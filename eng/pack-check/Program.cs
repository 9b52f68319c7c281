using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QuoteFetch;

// Prices one symbol through the packed library, the way a host would: `Consumer BASE-URL SYMBOL` registers QuoteFetch
// with AddQuoteFetch (IHttpClientFactory, the same resilience pipeline as the CLI) and prints "SYMBOL PRICE CURRENCY".
var services = new ServiceCollection();
services.AddQuoteFetch(options => options.BaseAddress = new Uri(args[0]));
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<QuoteClient>();
var result = await client.GetQuoteAsync(args[1]);
if (!result.IsSuccess)
{
    Console.Error.WriteLine($"{result.Symbol} {result.Error.Kind.ToWireName()}: {result.Error.Message}");
    return 1;
}

Console.WriteLine(
    string.Create(CultureInfo.InvariantCulture, $"{result.Symbol} {result.Quote.Price} {result.Quote.Currency}")
);
return 0;
