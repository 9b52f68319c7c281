namespace QuoteFetch.Cli.Tests.Commands;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new string[0], "quotefetch: no symbols given")]
    [InlineData(
        new[] { "-f", "/no/such/file.txt" },
        "quotefetch: cannot read symbol file '/no/such/file.txt': no such file"
    )]
    [InlineData(new[] { "-f", "" }, "quotefetch: --file must be a path, or '-' for standard input, not ''")]
    [InlineData(new[] { "--bogus", "AAPL" }, "quotefetch: unknown option '--bogus'")]
    [InlineData(
        new[] { "--format", "xml", "AAPL" },
        "quotefetch: --format must be one of table, json, csv, ndjson, not 'xml'"
    )]
    [InlineData(
        new[] { "--order", "sideways", "AAPL" },
        "quotefetch: --order must be one of input, completion, not 'sideways'"
    )]
    [InlineData(
        new[] { "--http-version", "3", "AAPL" },
        "quotefetch: --http-version must be one of 1.1, 2, auto, not '3'"
    )]
    [InlineData(
        new[] { "-c", "0", "AAPL" },
        "quotefetch: --concurrency must be a whole number from 1 to 10000, not '0'"
    )]
    [InlineData(
        new[] { "--timeout", "-1", "AAPL" },
        "quotefetch: --timeout must be a number of seconds from 0.01 to 86400, not '-1'"
    )]
    [InlineData(
        new[] { "--timeout", "1e12", "AAPL" },
        "quotefetch: --timeout must be a number of seconds from 0.01 to 86400, not '1e12'"
    )]
    [InlineData(
        new[] { "--timeout", "NaN", "AAPL" },
        "quotefetch: --timeout must be a number of seconds from 0.01 to 86400, not 'NaN'"
    )]
    [InlineData(
        new[] { "--deadline", "1e300", "AAPL" },
        "quotefetch: --deadline must be a number of seconds from 0.01 to 604800, not '1e300'"
    )]
    [InlineData(
        new[] { "--rate", "1e-9", "AAPL" },
        "quotefetch: --rate must be a number of requests per second from 0.01 to 100000, not '1e-9'"
    )]
    [InlineData(
        new[] { "--retries", "-1", "AAPL" },
        "quotefetch: --retries must be a whole number from 0 to 100, not '-1'"
    )]
    [InlineData(new[] { "--user-agent", "", "AAPL" }, "quotefetch: --user-agent must not be empty")]
    [InlineData(
        new[] { "--user-agent", "x\r\nX-Injected: 1", "AAPL" },
        "quotefetch: --user-agent must not contain control characters (found U+000D)"
    )]
    [InlineData(
        new[] { "--user-agent", "tab\there", "AAPL" },
        "quotefetch: --user-agent must not contain control characters (found U+0009)"
    )]
    [InlineData(
        new[] { "--user-agent", "Mozilla/5.0 (Caf\u00e9)", "AAPL" },
        "quotefetch: --user-agent must be printable ASCII, as HTTP headers are (found U+00E9)"
    )]
    [InlineData(
        new[] { "--user-agent", "x\u2028y", "AAPL" },
        "quotefetch: --user-agent must be printable ASCII, as HTTP headers are (found U+2028)"
    )]
    [InlineData(
        new[] { "--decimals", "99", "AAPL" },
        "quotefetch: --decimals must be a whole number from 0 to 12, not '99'"
    )]
    [InlineData(new[] { "--base-url", "", "AAPL" }, "quotefetch: --base-url must not be empty")]
    [InlineData(
        new[] { "--base-url", "not a url", "AAPL" },
        "quotefetch: --base-url must be an absolute http:// or https:// URL, not 'not a url'"
    )]
    [InlineData(
        new[] { "--base-url", "ftp://127.0.0.1/", "AAPL" },
        "quotefetch: --base-url must be an absolute http:// or https:// URL, not 'ftp://127.0.0.1/'"
    )]
    [InlineData(
        new[] { "--base-url", "http://127.0.0.1:5099/?region=US", "AAPL" },
        "quotefetch: --base-url must not have a query string (?...), not 'http://127.0.0.1:5099/?region=US'"
    )]
    [InlineData(
        new[] { "--base-url", "http://127.0.0.1:5099/#top", "AAPL" },
        "quotefetch: --base-url must not have a fragment (#...), not 'http://127.0.0.1:5099/#top'"
    )]
    [InlineData(
        new[] { "--base-url", "http://me:s3cret@127.0.0.1:5099/", "AAPL" },
        "quotefetch: --base-url must not have a user name or password (user:password@), not 'http://***@127.0.0.1:5099/'"
    )]
    [InlineData(
        new[] { "--base-url", "http://me:s3cret@127.0.0.1:5099/?region=US", "AAPL" },
        "quotefetch: --base-url must not have a user name or password (user:password@), not 'http://***@127.0.0.1:5099/?region=US'"
    )]
    [InlineData(
        new[] { "--base-url", "http://me:s3 cret@exa mple/", "AAPL" },
        "quotefetch: --base-url must be an absolute http:// or https:// URL, not 'http://***@exa mple/'"
    )]
    // A value that does not parse as a number: one line naming the option and what it takes, never a stack trace.
    [InlineData(
        new[] { "--timeout", "abc", "AAPL" },
        "quotefetch: --timeout must be a number of seconds from 0.01 to 86400, not 'abc'"
    )]
    [InlineData(
        new[] { "-c", "1.5", "AAPL" },
        "quotefetch: --concurrency must be a whole number from 1 to 10000, not '1.5'"
    )]
    [InlineData(
        new[] { "--retries", "1e9", "AAPL" },
        "quotefetch: --retries must be a whole number from 0 to 100, not '1e9'"
    )]
    [InlineData(
        new[] { "--decimals", "", "AAPL" },
        "quotefetch: --decimals must be a whole number from 0 to 12, not ''"
    )]
    [InlineData(
        new[] { "-c", "99999999999999999999", "AAPL" },
        "quotefetch: --concurrency must be a whole number from 1 to 10000, not '99999999999999999999'"
    )]
    [InlineData(
        new[] { "--rate", "abc", "AAPL" },
        "quotefetch: --rate must be a number of requests per second from 0.01 to 100000, not 'abc'"
    )]
    [InlineData(
        new[] { "--deadline", "x", "AAPL" },
        "quotefetch: --deadline must be a number of seconds from 0.01 to 604800, not 'x'"
    )]
    public async Task BadInput_ExitsTwoWithOneLineMessageAndHint(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("(", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("http://me:s3cret@127.0.0.1:5099/")]
    [InlineData("https://me:s3cret@host.example/?q=1#f")]
    [InlineData("http://me:s3cret@exa mple/")]
    [InlineData("ftp://me:s3cret@127.0.0.1/")]
    public async Task BaseUrl_WithPassword_NeverPrintsIt(string url)
    {
        var fromOption = await CliRun.RunAsync(["--base-url", url, "AAPL"]);
        var fromVariable = await CliRun.RunAsync(
            ["AAPL"],
            environment: new Dictionary<string, string> { [FetchCommand.BaseUrlVariable] = url }
        );

        Assert.Equal(ExitCodes.UsageError, fromOption.ExitCode);
        Assert.Equal(ExitCodes.UsageError, fromVariable.ExitCode);
        Assert.DoesNotContain("s3cret", fromOption.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", fromVariable.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "not a url",
        "quotefetch: QUOTEFETCH_BASE_URL must be an absolute http:// or https:// URL, not 'not a url'"
    )]
    [InlineData(
        "http://127.0.0.1:5099/?region=US",
        "quotefetch: QUOTEFETCH_BASE_URL must not have a query string (?...), not 'http://127.0.0.1:5099/?region=US'"
    )]
    [InlineData(
        "http://me:s3cret@127.0.0.1:5099/",
        "quotefetch: QUOTEFETCH_BASE_URL must not have a user name or password (user:password@), not 'http://***@127.0.0.1:5099/'"
    )]
    public async Task BaseUrlVariable_Bad_IsNamedInOneLine(string value, string message)
    {
        var run = await CliRun.RunAsync(
            ["AAPL"],
            environment: new Dictionary<string, string> { [FetchCommand.BaseUrlVariable] = value }
        );

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Help_ShowsDefaultsAsTyped()
    {
        var run = await CliRun.RunAsync(["--help"]);

        Assert.Matches(@"--order <input\|completion> .*\[default: input\]", run.Out);
        Assert.Matches(@"--http-version <1\.1\|2\|auto> .*\[default: auto\]", run.Out);
        Assert.Matches(@"-c, --concurrency <N> .*\[default: 16\]", run.Out);
        Assert.Matches(@"--timeout <SECONDS> .*\[default: 10\]", run.Out);
        Assert.Matches(@"--retries <N> .*\[default: 3\]", run.Out);
        Assert.DoesNotContain("[default: Input]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryExitCode()
    {
        var run = await CliRun.RunAsync(["--help"]);
        var lines = run.Out.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).ToList();

        var codes = lines
            .SkipWhile(line => line != "Exit codes:")
            .Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(' ')[0]);
        Assert.Equal(["0", "1", "2", "69", "70", "74", "130", "141"], codes);
        Assert.Contains("2    usage error: a bad option or value, or no usable symbols", lines);
        Assert.Contains("70   internal error: a bug in quotefetch; please report it", lines);
    }

    [Fact]
    public void Readme_ExitCodeTable_MatchesTheHelp()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme
            .SkipWhile(line => line != "### Exit codes")
            .SkipWhile(line => !line.StartsWith("| code", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|')[1].Trim());
        var help = FetchCommand
            .ExitCodesHelp.Split('\n')
            .Skip(1)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ')[0]);

        Assert.Equal(help, table);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "QuoteFetch.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("no QuoteFetch.slnx above the tests");
        }
        return directory.FullName;
    }

    [Fact]
    public async Task Help_ListsOptionsAndExamples()
    {
        var run = await CliRun.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--tickers", run.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains("--base-url", run.Out, StringComparison.Ordinal);
        Assert.Contains("quotefetch [<SYMBOL>...] [command] [options]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsIt()
    {
        var run = await CliRun.RunAsync(["--version"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out);
    }
}
