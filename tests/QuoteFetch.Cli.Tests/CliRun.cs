namespace QuoteFetch.Cli.Tests;

/// <summary>What one in-process run of the command printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    internal static async Task<CliRun> RunAsync(
        string[] args,
        string stdin = "",
        bool terminal = false,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default
    )
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(
            new StringReader(stdin),
            output,
            error,
            IsOutputTerminal: terminal,
            IsInputRedirected: stdin.Length > 0,
            name => environment?.GetValueOrDefault(name)
        );
        var exitCode = await QuoteFetchApp.RunAsync(args, console, cancellationToken);
        return new CliRun(
            exitCode,
            output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal),
            error.ToString()
        );
    }
}
