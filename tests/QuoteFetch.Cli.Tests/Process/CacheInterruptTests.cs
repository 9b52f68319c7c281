using QuoteFetch.Cli.Tests.Cache;

namespace QuoteFetch.Cli.Tests.Process;

/// <summary>The cache writes histories beside the output; a Ctrl+C must still keep every history that was printed.</summary>
public sealed class CacheInterruptTests : FakeYahooTestBase, IDisposable
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("quotefetch-cache-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string> Environment() => new() { ["QUOTEFETCH_CACHE_DIR"] = _directory };

    private string[] History(params string[] symbols) =>
        [.. Args("history", "--start", "2026-01-05", "--end", "2026-01-30", "--format", "csv"), .. symbols];

    [Fact]
    public async Task Signal_AfterKSymbolsWerePrinted_TheKSymbolsAreStored_EvenWhileTheirWriteWaits()
    {
        // The cache file exists, and another process holds its write lock: S1's write waits for it, and S2, answered a
        // second later, waits behind it in the queue. The signal comes while both wait; the lock goes right after.
        await CliRun.RunAsync(History("MSFT"), environment: Environment());
        Server.Options.LatencyBySymbol["S2"] = TimeSpan.FromSeconds(1);
        Server.Options.LatencyBySymbol["S3"] = TimeSpan.FromHours(1);
        using var other = CacheFile.Open(_directory);
        var locked = other.BeginTransaction(deferred: false);
        using var cli = CliProcess.Start(History("S1", "S2", "S3"), Environment());

        Assert.NotNull(await cli.ReadUntilAsync("S1,"));
        Assert.NotNull(await cli.ReadUntilAsync("S2,"));
        await cli.SignalAsync("INT");
        locked.Dispose();
        var (exitCode, _, error) = await cli.WaitAsync(Promptly);

        Assert.Equal((130, ""), (exitCode, error));
        var again = await CliRun.RunAsync(History("S1", "S2"), environment: Environment());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal((1, 1), (Server.RequestsFor("S1"), Server.RequestsFor("S2")));
    }
}
