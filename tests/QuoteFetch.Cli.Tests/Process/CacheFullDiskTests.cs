namespace QuoteFetch.Cli.Tests.Process;

/// <summary>A cache that cannot grow (a full disk) turns itself off with one warning; the run is not failed.</summary>
public sealed class CacheFullDiskTests : FakeYahooTestBase
{
    [Fact]
    public async Task CacheFileCannotGrow_RunGoesOnWithoutIt_AndSaysSoOnce()
    {
        // Without privileges a disk cannot be filled; a file-size limit (ulimit -f) fails the cache's writes the same
        // way, with SIGXFSZ ignored so the write returns an error instead of killing the process. Standard output is
        // a pipe, which the limit does not touch. W^X is off: its double mapping of code memory uses a file the
        // limit would refuse.
        using var cli = CliProcess.StartInShell(
            "",
            Args("history", "--range", "10y", "--format", "csv", "AAPL", "MSFT", "GOOG", "IBM", "ORCL", "SAP"),
            prelude: "trap '' XFSZ; ulimit -f 100; export DOTNET_EnableWriteXorExecute=0; "
        );

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["AAPL", "GOOG", "IBM", "MSFT", "ORCL", "SAP"],
            rows.Skip(1).Select(row => row.Split(',')[0]).Distinct().Order()
        );
        Assert.True(rows.Length > 6 * 2_000, $"{rows.Length} rows");
        Assert.Matches(@"^quotefetch: the cache '.*' stopped working \(.*\); going on without it\n$", error);
    }
}
