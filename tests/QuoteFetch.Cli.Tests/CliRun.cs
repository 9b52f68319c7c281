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
        TimeProvider? time = null,
        CancellationToken cancellationToken = default
    )
    {
        // Each run gets its own empty cache unless the test names one: never the user's ~/.cache, and never what an
        // earlier run stored (tests that count requests across runs stay as they were).
        var cache =
            environment?.ContainsKey("QUOTEFETCH_CACHE_DIR") == true
                ? null
                : Directory.CreateTempSubdirectory("quotefetch-cache-").FullName;
        try
        {
            return await RunAsync(args, stdin, terminal, environment, cache, time, cancellationToken);
        }
        finally
        {
            if (cache is not null)
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    private static async Task<CliRun> RunAsync(
        string[] args,
        string stdin,
        bool terminal,
        IReadOnlyDictionary<string, string>? environment,
        string? cache,
        TimeProvider? time,
        CancellationToken cancellationToken
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
            name => name == "QUOTEFETCH_CACHE_DIR" && cache is not null ? cache : environment?.GetValueOrDefault(name)
        )
        {
            Time = time ?? TimeProvider.System,
        };
        var exitCode = await QuoteFetchApp.RunAsync(args, console, cancellationToken);
        return new CliRun(
            exitCode,
            output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal),
            error.ToString()
        );
    }
}
