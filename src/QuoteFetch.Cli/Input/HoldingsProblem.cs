namespace QuoteFetch.Cli;

/// <summary>What is wrong with one row of a holdings file (the row is left out), or a note about it (rows summed).</summary>
/// <param name="Line">The line the row starts on, from 1.</param>
/// <param name="Message">What is wrong, in plain words, without the file name.</param>
internal sealed record HoldingsProblem(long Line, string Message);
