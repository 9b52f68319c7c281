namespace QuoteFetch.Cli;

/// <summary>One position read from a holdings file, and the lines it came from (more than one when rows were summed).</summary>
internal sealed record HoldingsRow(Holding Holding, IReadOnlyList<long> Lines);
