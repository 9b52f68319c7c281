namespace QuoteFetch.Cli;

/// <summary>Writes history results in one output format to the given writer.</summary>
/// <remarks>
/// No cancellation token, as for <see cref="IQuoteWriter"/>: after Ctrl+C the sequence ends with the cancelled
/// symbols, and the writer must still print all of it.
/// </remarks>
internal interface IHistoryWriter
{
    Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output);
}
