namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>QUOTEFETCH_* variables: the same rules as their flags, named in their errors, and a flag always wins.</summary>
public sealed class EnvironmentVariableTests : FakeYahooTestBase
{
    private Task<CliRun> RunWithAsync(string variable, string value, params string[] args) =>
        CliRun.RunAsync(Args(args), environment: new Dictionary<string, string> { [variable] = value });

    [Theory]
    [InlineData(
        "QUOTEFETCH_CONCURRENCY",
        "0",
        "quotefetch: QUOTEFETCH_CONCURRENCY must be a whole number from 1 to 10000, not '0'"
    )]
    [InlineData(
        "QUOTEFETCH_TIMEOUT",
        "soon",
        "quotefetch: QUOTEFETCH_TIMEOUT must be a number of seconds from 0.01 to 86400, not 'soon'"
    )]
    [InlineData(
        "QUOTEFETCH_RETRIES",
        "-1",
        "quotefetch: QUOTEFETCH_RETRIES must be a whole number from 0 to 100, not '-1'"
    )]
    [InlineData(
        "QUOTEFETCH_DEADLINE",
        "NaN",
        "quotefetch: QUOTEFETCH_DEADLINE must be a number of seconds from 0.01 to 604800, not 'NaN'"
    )]
    [InlineData(
        "QUOTEFETCH_RATE",
        "0",
        "quotefetch: QUOTEFETCH_RATE must be a number of requests per second from 0.01 to 100000, not '0'"
    )]
    [InlineData(
        "QUOTEFETCH_FORMAT",
        "xml",
        "quotefetch: QUOTEFETCH_FORMAT must be one of table, json, csv, ndjson, not 'xml'"
    )]
    [InlineData(
        "QUOTEFETCH_ORDER",
        "random",
        "quotefetch: QUOTEFETCH_ORDER must be one of input, completion, not 'random'"
    )]
    [InlineData(
        "QUOTEFETCH_HTTP_VERSION",
        "3",
        "quotefetch: QUOTEFETCH_HTTP_VERSION must be one of 1.1, 2, auto, not '3'"
    )]
    [InlineData(
        "QUOTEFETCH_USER_AGENT",
        "bad\u0007agent",
        "quotefetch: QUOTEFETCH_USER_AGENT must not contain control characters (found U+0007)"
    )]
    public async Task BadValue_IsAOneLineUsageErrorNamingTheVariable(string variable, string value, string expected)
    {
        var run = await RunWithAsync(variable, value, "AAPL");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task Variable_SetsTheDefault_ForQuoteAndHistory()
    {
        var quote = await RunWithAsync("QUOTEFETCH_FORMAT", "ndjson", "AAPL");
        var history = await CliRun.RunAsync(
            ["history", .. Args("--range", "1mo", "AAPL")],
            environment: new Dictionary<string, string> { ["QUOTEFETCH_FORMAT"] = "ndjson" }
        );

        Assert.StartsWith("{\"symbol\":\"AAPL\",\"price\":", quote.Out, StringComparison.Ordinal);
        Assert.StartsWith("{\"symbol\":\"AAPL\",\"currency\":", history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flag_WinsOverTheVariable_EvenWhenTheVariableIsBad()
    {
        var run = await RunWithAsync("QUOTEFETCH_FORMAT", "xml", "--format", "csv", "AAPL");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("symbol,price,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variable_SetButEmpty_CountsAsUnset()
    {
        var run = await RunWithAsync("QUOTEFETCH_CONCURRENCY", "", "AAPL");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task History_OutputExtension_WinsOverTheFormatVariable()
    {
        var folder = Directory.CreateTempSubdirectory("quotefetch-env-").FullName;
        var path = Path.Combine(folder, "aapl.json");

        var run = await CliRun.RunAsync(
            ["history", .. Args("--range", "1mo", "-o", path, "AAPL")],
            environment: new Dictionary<string, string> { ["QUOTEFETCH_FORMAT"] = "csv" }
        );

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("[", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Readme_EnvironmentTable_ListsEveryVariable()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("### Environment variables", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n### ", 4, StringComparison.Ordinal)];

        var documented = table
            .Split('\n')
            .Where(line => line.StartsWith("| `QUOTEFETCH_", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1]);
        var declared = new SharedOptions(_ => null)
            .Variables.Select(pair => pair.Variable)
            .Append(PortfolioCommand.BaseCurrencyVariable);

        Assert.Equal(declared.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "README.md")))
        {
            directory = directory.Parent!;
        }
        return directory.FullName;
    }
}
