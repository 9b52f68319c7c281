namespace QuoteFetch.Cli;

/// <summary>A problem with what the user asked for: printed as one line with a hint, exit code 2, never a stack trace.</summary>
internal sealed class UsageException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
