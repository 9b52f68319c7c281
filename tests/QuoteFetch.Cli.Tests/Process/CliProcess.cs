using System.Diagnostics;

namespace QuoteFetch.Cli.Tests.Process;

/// <summary>The real quotefetch program as a child process, for what only a process has: signals, exit codes, environment.</summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // QUOTEFETCH_CLI_UNDER_TEST points these tests at another build of the program, e.g. a Native AOT binary
    // (bench/README.md); by default they run the QuoteFetch.Cli.dll this project builds.
    private static readonly string CliPath =
        Environment.GetEnvironmentVariable("QUOTEFETCH_CLI_UNDER_TEST")
        ?? typeof(CliProcess)
            .Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "QuoteFetchCliPath")
            .Value!;

    private readonly System.Diagnostics.Process _process;

    private CliProcess(System.Diagnostics.Process process) => _process = process;

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var isAssembly = CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(isAssembly ? dotnet : CliPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (isAssembly)
        {
            info.ArgumentList.Add(CliPath);
        }
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process =
            System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("quotefetch did not start");
        process.StandardInput.Close();
        return new CliProcess(process);
    }

    /// <summary>Starts quotefetch from a shell that first lowers the open-file limit (<c>ulimit -n</c>).</summary>
    public static CliProcess StartWithOpenFileLimit(int openFiles, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // The program and its arguments reach the script as "$@", so the shell parses none of them.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n {openFiles} && exec \"$@\"");
        info.ArgumentList.Add("quotefetch");
        if (CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        }
        info.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var process =
            System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("quotefetch did not start");
        process.StandardInput.Close();
        return new CliProcess(process);
    }

    public bool HasExited => _process.HasExited;

    public async Task<string?> ReadLineAsync() => await _process.StandardOutput.ReadLineAsync().WaitAsync(Patience);

    /// <summary>Reads output as it comes, line or not, until <paramref name="marker"/> has appeared; null if the output ends first.</summary>
    public async Task<string?> ReadUntilAsync(string marker)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new char[256];
        while (!seen.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var n = await _process.StandardOutput.ReadAsync(buffer).AsTask().WaitAsync(Patience);
            if (n == 0)
            {
                return null;
            }
            seen.Append(buffer, 0, n);
        }
        return seen.ToString();
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = System.Diagnostics.Process.Start(
            "kill",
            ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
        )!;
        await kill.WaitForExitAsync().WaitAsync(Patience);
    }

    public async Task<(int ExitCode, string Out, string Error)> WaitAsync()
    {
        var output = _process.StandardOutput.ReadToEndAsync();
        var error = _process.StandardError.ReadToEndAsync();
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return (_process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
