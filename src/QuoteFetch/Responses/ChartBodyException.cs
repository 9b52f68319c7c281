namespace QuoteFetch;

/// <summary>
/// A chart body that is valid JSON but says something QuoteFetch will not pass on (text that is not UTF-8, a price
/// decimal cannot hold, a field twice). Its message stands alone as the symbol's error.
/// </summary>
internal sealed class ChartBodyException(string message) : Exception(message);
