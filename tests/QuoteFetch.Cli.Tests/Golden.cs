namespace QuoteFetch.Cli.Tests;

/// <summary>Golden files under Expected/: the exact output a user sees, reviewed by hand when they change.</summary>
internal static class Golden
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", name))
            .Replace("\r\n", "\n", StringComparison.Ordinal);
}
