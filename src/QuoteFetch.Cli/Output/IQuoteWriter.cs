namespace QuoteFetch.Cli;

/// <summary>Writes results in one output format to the given writer.</summary>
/// <remarks>
/// No cancellation token on purpose: after Ctrl+C the results sequence ends with the cancelled symbols,
/// and the writer must still print all of it.
/// </remarks>
internal interface IQuoteWriter
{
    Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output);
}
