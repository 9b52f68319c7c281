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
    private readonly string? _cacheDirectory;

    private CliProcess(System.Diagnostics.Process process, string? cacheDirectory)
    {
        _process = process;
        _cacheDirectory = cacheDirectory;
    }

    /// <summary>
    /// Each child gets its own empty cache unless the test names one: never the user's ~/.cache, and never what an
    /// earlier test's run stored.
    /// </summary>
    private static string? OwnCache(ProcessStartInfo info, IReadOnlyDictionary<string, string>? environment)
    {
        if (environment?.ContainsKey("QUOTEFETCH_CACHE_DIR") == true)
        {
            return null;
        }
        var directory = Directory.CreateTempSubdirectory("quotefetch-cache-").FullName;
        info.Environment["QUOTEFETCH_CACHE_DIR"] = directory;
        return directory;
    }

    /// <param name="keepInputOpen">Leave standard input an open pipe that nobody writes to, as <c>tail -f | quotefetch</c> would.</param>
    public static CliProcess Start(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        bool keepInputOpen = false
    ) => Launch([.. Program(), .. args], environment, keepInputOpen);

    /// <summary>
    /// Runs quotefetch through <c>bash -c</c> with <paramref name="redirections"/> applied to it (<c>&gt;/dev/full</c>,
    /// <c>&gt;&amp;-</c>, <c>2&gt;&amp;-</c>, <c>&lt;&amp;-</c>); bash <c>exec</c>s it, so the process id is quotefetch's own.
    /// </summary>
    public static CliProcess StartInShell(string redirections, IEnumerable<string> args, string prelude = "") =>
        Launch(["bash", "-c", $"{prelude}exec \"$@\" {redirections}", "bash", .. Program(), .. args], null, false);

    /// <summary>Runs a bash script in which <c>quotefetch</c> is the program under test (a function calling it).</summary>
    public static CliProcess StartBash(string script) =>
        Launch(
            ["bash", "-c", $"quotefetch() {{ {string.Join(' ', Program().Select(ShellQuote))} \"$@\"; }}\n{script}"],
            null,
            false
        );

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Runs quotefetch on a pseudo-terminal (util-linux <c>script</c>), so standard input, output and error are all a
    /// terminal; what it wrote to the terminal comes back as standard output.
    /// </summary>
    /// <param name="args">quotefetch's arguments.</param>
    /// <param name="environment">Shell assignments put before the command, e.g. <c>TERM=xterm-256color</c>.</param>
    /// <param name="pipeTo">A shell command quotefetch's standard output is piped to (its standard error stays the terminal).</param>
    public static CliProcess StartOnTerminal(
        IEnumerable<string> args,
        string environment = "",
        string? pipeTo = null
    ) =>
        Launch(
            [
                "script",
                "-qec",
                environment
                    + " "
                    + string.Join(
                        ' ',
                        Program()
                            .Concat(args)
                            .Select(arg => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'")
                    )
                    + (pipeTo is null ? "" : " | " + pipeTo),
                "/dev/null",
            ],
            null,
            false
        );

    private static string[] Program()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [dotnet, CliPath] : [CliPath];
    }

    private static CliProcess Launch(
        string[] commandLine,
        IReadOnlyDictionary<string, string>? environment,
        bool keepInputOpen
    )
    {
        var info = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in commandLine.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var cache = OwnCache(info, environment);
        var process =
            System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("quotefetch did not start");
        if (!keepInputOpen)
        {
            process.StandardInput.Close();
        }
        return new CliProcess(process, cache);
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
        var cache = OwnCache(info, null);
        var process =
            System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("quotefetch did not start");
        process.StandardInput.Close();
        return new CliProcess(process, cache);
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

    public async Task<(int ExitCode, string Out, string Error)> WaitAsync() => await WaitAsync(Patience);

    /// <summary>Waits for the exit, failing with a <see cref="TimeoutException"/> if it takes longer than <paramref name="within"/>.</summary>
    public async Task<(int ExitCode, string Out, string Error)> WaitAsync(TimeSpan within)
    {
        var output = _process.StandardOutput.ReadToEndAsync();
        var error = _process.StandardError.ReadToEndAsync();
        await _process.WaitForExitAsync().WaitAsync(within);
        return (_process.ExitCode, await output, await error);
    }

    /// <summary>Closes the test's end of the child's standard output, as <c>| head -1</c> does once it has its line.</summary>
    public void CloseOutput() => _process.StandardOutput.Dispose();

    /// <summary>Waits for the exit (standard output already closed), failing if it takes longer than <paramref name="within"/>.</summary>
    public async Task<(int ExitCode, string Error)> WaitWithoutOutputAsync(TimeSpan within)
    {
        var error = _process.StandardError.ReadToEndAsync();
        await _process.WaitForExitAsync().WaitAsync(within);
        return (_process.ExitCode, await error);
    }

    /// <summary>
    /// Waits until one of the child's threads is blocked reading standard input (Linux: a <c>read</c> system call on a
    /// descriptor that is the same pipe as descriptor 0, as /proc shows it), so a signal is known to arrive then.
    /// </summary>
    public async Task WaitUntilReadingInputAsync()
    {
        var read = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "63",
            _ => "0",
        };
        var proc = $"/proc/{_process.Id}";
        var stdin = new FileInfo($"{proc}/fd/0").LinkTarget;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            // .NET reads a duplicate of descriptor 0, so compare what the descriptors point at.
            var readingStdin = Directory
                .EnumerateDirectories($"{proc}/task")
                .Select(task => ReadOrEmpty(Path.Combine(task, "syscall")).Split(' '))
                .Where(call => call.Length > 1 && call[0] == read)
                .Select(call => Convert.ToInt32(call[1], 16))
                .Any(descriptor => LinkTargetOrNull($"{proc}/fd/{descriptor}") == stdin);
            if (readingStdin)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
        throw new TimeoutException("quotefetch never read its standard input");
    }

    // A thread or descriptor may go between listing and reading.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string? LinkTargetOrNull(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        if (_cacheDirectory is not null)
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
    }
}
