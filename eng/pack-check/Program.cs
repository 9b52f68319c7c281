using System.Globalization;
using QuoteFetch;

// Prices one symbol through the packed library: `Consumer BASE-URL SYMBOL` prints "SYMBOL PRICE CURRENCY".
using var client = new QuoteClient(new QuoteClientOptions { BaseAddress = new Uri(args[0]) });
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
