namespace QuoteFetch.Cli;

/// <summary>A holdings file read: its positions (repeats summed), the rows left out and why, and the rows summed.</summary>
/// <param name="Name">How messages name it: the path, or <c>&lt;stdin&gt;</c>.</param>
internal sealed record HoldingsFile(
    string Name,
    IReadOnlyList<HoldingsRow> Rows,
    IReadOnlyList<HoldingsProblem> Errors,
    IReadOnlyList<HoldingsProblem> Notes
)
{
    /// <summary>A message as a compiler would print it: <c>FILE:LINE: what</c>.</summary>
    public string Located(HoldingsProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{UntrustedText.ForTerminal(Name)}:{problem.Line}: {problem.Message}";
    }
}
