namespace QuoteFetch;

/// <summary>A history body that is JSON but not a chart Yahoo would send; the message says what is wrong with it.</summary>
internal sealed class HistoryBodyException(string message) : Exception(message);
