using System.Globalization;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary><c>history</c> used carelessly or with hostile intent: each test pins a promise a user found broken.</summary>
public sealed class HistoryHostileTests : FakeYahooTestBase
{
    private Task<CliRun> HistoryAsync(params string[] args) =>
        CliRun.RunAsync(["history", "--base-url", Server.BaseAddress.ToString(), .. args]);

    // 1mo fits the file stream's buffer, so the disk is found full only when the file is closed; max overflows it.
    [Theory]
    [InlineData("1mo")]
    [InlineData("max")]
    public async Task OutputToAFullDisk_IsAnOutputError_NotABug(string range)
    {
        var run = await HistoryAsync("AAPL", "MSFT", "--range", range, "-o", "/dev/full");

        Assert.Equal(74, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: cannot write the output: '/dev/full': No space left on device",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // --wide --format json is refused; so is --wide into a file whose name says JSON, which got CSV under a .json name.
    [Theory]
    [InlineData("closes.json")]
    [InlineData("closes.ndjson")]
    [InlineData("closes.jsonl")]
    public async Task Wide_IntoAFileNamedForJson_IsAUsageError(string name)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, name);

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--wide", "-o", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"quotefetch: --wide writes CSV, not the JSON '{path}' names",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal(0, Server.RequestCount);
    }

    // quote's --decimals before the subcommand was taken and ignored: history never rounds to it.
    [Fact]
    public async Task QuoteOnlyOption_BeforeHistory_IsAUsageError()
    {
        var run = await CliRun.RunAsync([
            "--decimals",
            "4",
            "history",
            "--base-url",
            Server.BaseAddress.ToString(),
            "AAPL",
            "--range",
            "5d",
        ]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("quotefetch: --decimals is not a history option", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // A plot is drawn after the whole batch, and per-symbol files are opened as results arrive: a typo in the directory
    // cost the whole run (every request sent, then exit 74). It is known before the first request.
    [Theory]
    [InlineData("--plot", "missing/closes.png", "--plot: the directory '{0}' does not exist")]
    [InlineData("-o", "missing/{{symbol}}.csv", "-o: the directory '{0}' does not exist")]
    public async Task OutputIntoAMissingDirectory_IsAUsageError_BeforeAnyRequest(
        string option,
        string relative,
        string expected
    )
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, string.Format(CultureInfo.InvariantCulture, relative));

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--format", "csv", option, path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: "
                + string.Format(CultureInfo.InvariantCulture, expected, Path.Combine(folder.Path, "missing")),
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // "Access to the path is denied" (and for --plot, only after the whole batch) when the path is a directory.
    [Theory]
    [InlineData("--plot", "closes.png")]
    [InlineData("-o", "closes.csv")]
    public async Task OutputToADirectory_IsAUsageError_BeforeAnyRequest(string option, string name)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(path);

        var run = await HistoryAsync("AAPL", "--range", "1mo", "--format", "csv", option, path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"quotefetch: {option}: '{path}' is a directory", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // As -f - reads standard input, -o - writes standard output; it made a file named "-" and printed nothing.
    [Fact]
    public async Task OutputDash_IsStandardOutput()
    {
        var run = await HistoryAsync("AAPL", "--range", "1mo", "--format", "csv", "-o", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("symbol,date,", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("quotefetch-hostile-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
