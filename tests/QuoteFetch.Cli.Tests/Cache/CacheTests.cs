using Microsoft.Extensions.Time.Testing;
using QuoteFetch.Cli.Tests.Process;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Cache;

/// <summary>The local cache: a real SQLite file in a temporary folder, a fake server counting what reaches it.</summary>
public sealed class CacheTests : FakeYahooTestBase, IDisposable
{
    // A Wednesday, 13:00 in New York: the day's session is open, the days before have closed.
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 18, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("quotefetch-cache-test-").FullName;
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string> Environment() => new() { ["QUOTEFETCH_CACHE_DIR"] = _directory };

    private Task<CliRun> RunCachedAsync(params string[] args)
    {
        Server.Options.TimeProvider = _time;
        return CliRun.RunAsync(Args(args), environment: Environment(), time: _time);
    }

    // Puts a database made by sql where the cache will look for its file.
    private void WriteDatabase(string sql) => CacheFile.Execute(_directory, sql);

    [Fact]
    public async Task History_SecondIdenticalRun_SendsNoRequest()
    {
        var first = await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");
        var second = await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, Server.RequestsFor("MSFT"));
        Assert.True(first.OutLines.Length > 10, first.Out);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task History_WithEvents_IsKeptApart_AndCachedWithItsEvents()
    {
        await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");
        var first = await RunCachedAsync("history", "MSFT", "--start", "2025-01-06", "--end", "2026-01-30", "--events");
        var second = await RunCachedAsync(
            "history",
            "MSFT",
            "--start",
            "2025-01-06",
            "--end",
            "2026-01-30",
            "--events"
        );

        Assert.Equal(2, Server.RequestsFor("MSFT"));
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task History_RangeEndingToday_AsksOnlyForTheOpenDay()
    {
        var first = await RunCachedAsync("history", "MSFT", "--range", "1mo");
        var second = await RunCachedAsync("history", "MSFT", "--range", "1mo");

        Assert.Equal(2, Server.RequestsFor("MSFT"));
        var today = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.StartsWith($"?period1={today}&interval=1d", Server.LastQueryFor("MSFT"), StringComparison.Ordinal);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task History_ARangesFirstDay_IsNotClaimed_WhenItsSessionOpenedBeforeTheRangesInstant()
    {
        // 1mo at 18:00 UTC starts at 18:00 UTC on 2026-02-04: that day's session (14:30 UTC) is not in the answer.
        await RunCachedAsync("history", "MSFT", "--range", "1mo");

        var inside = await RunCachedAsync("history", "MSFT", "--start", "2026-02-05", "--end", "2026-02-27");
        Assert.Equal(1, Server.RequestsFor("MSFT"));
        Assert.StartsWith("MSFT,2026-02-05,", inside.OutLines[1], StringComparison.Ordinal);

        var edge = await RunCachedAsync("history", "MSFT", "--start", "2026-02-04", "--end", "2026-02-27");
        Assert.Equal(2, Server.RequestsFor("MSFT"));
        Assert.StartsWith("MSFT,2026-02-04,", edge.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_AnExchangeAheadOfUtc_IsStoredByItsOwnDays()
    {
        // Sydney's bar for a day is stamped 23:00 UTC the day before.
        var first = await RunCachedAsync("history", "BHP.AX", "--start", "2026-01-05", "--end", "2026-01-30");
        var second = await RunCachedAsync("history", "BHP.AX", "--start", "2026-01-05", "--end", "2026-01-30");

        Assert.Equal(1, Server.RequestsFor("BHP.AX"));
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task History_WithEvents_ANewDividendSinceTheStoredDays_AsksForTheWholeRangeAgain()
    {
        // The fake puts a dividend a third of the way into any answer: the open day's answer has one today, which
        // changes every stored day's adjusted close.
        var first = await RunCachedAsync("history", "MSFT", "--range", "1mo", "--events");
        var second = await RunCachedAsync("history", "MSFT", "--range", "1mo", "--events", "-v");

        Assert.Equal(3, Server.RequestsFor("MSFT"));
        Assert.StartsWith(
            "?range=1mo&interval=1d&events=div%2Csplits",
            Server.LastQueryFor("MSFT"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "MSFT: a dividend or split since the stored days; asking for the whole range",
            second.Error,
            StringComparison.Ordinal
        );
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task History_Verbose_SaysWhichSymbolsCameFromTheCache_AndCountsRequestsSaved()
    {
        await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");
        var run = await RunCachedAsync("history", "MSFT", "AMZN", "--start", "2026-01-05", "--end", "2026-01-30", "-v");

        Assert.Contains(
            "quotefetch: MSFT: history from the cache (2026-01-05 to 2026-01-30)",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("AMZN: history from the cache", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 request, 0 retries, 1 request saved by the cache", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_WithinMaxAge_ComesFromTheCache_AndOlderDoesNot()
    {
        var first = await RunCachedAsync("--format", "csv", "AAPL");
        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await RunCachedAsync("--format", "csv", "AAPL");
        Assert.Equal(1, Server.RequestsFor("AAPL"));
        Assert.Equal(first.Out, second.Out);

        _time.Advance(TimeSpan.FromSeconds(1));
        await RunCachedAsync("--format", "csv", "AAPL");
        Assert.Equal(2, Server.RequestsFor("AAPL"));
    }

    [Fact]
    public async Task Quote_MaxAgeZero_AlwaysAsks_AndNoCacheNeitherReadsNorWrites()
    {
        await RunCachedAsync("--format", "csv", "AAPL");
        await RunCachedAsync("--format", "csv", "--max-age", "0", "AAPL");
        await RunCachedAsync("--format", "csv", "AAPL");
        await RunCachedAsync("--format", "csv", "--no-cache", "AAPL");
        await RunCachedAsync("--format", "csv", "--no-cache", "MSFT");
        await RunCachedAsync("--format", "csv", "MSFT");
        await RunCachedAsync("--format", "csv", "MSFT");

        Assert.Equal(3, Server.RequestsFor("AAPL"));
        Assert.Equal(2, Server.RequestsFor("MSFT"));
    }

    [Fact]
    public async Task Quote_KeepsTheMaxAgeItsAnswerCarried()
    {
        Server.Options.Faults["AAPL"] = FakeFault.Raw(
            200,
            FakeYahooFixtures.BodyFor("AAPL"),
            headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" }
        );
        Server.Options.Faults["MSFT"] = FakeFault.Raw(
            200,
            FakeYahooFixtures.BodyFor("AAPL"),
            headers: new Dictionary<string, string> { ["Cache-Control"] = "no-store" }
        );
        await RunCachedAsync("--format", "csv", "AAPL", "MSFT");
        _time.Advance(TimeSpan.FromSeconds(59));
        var run = await RunCachedAsync("--format", "csv", "AAPL", "MSFT");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, Server.RequestsFor("AAPL"));
        Assert.Equal(2, Server.RequestsFor("MSFT"));
    }

    [Fact]
    public async Task Quote_Verbose_SaysWhichCameFromTheCache_AndCountsRequestsSaved()
    {
        await RunCachedAsync("--format", "csv", "AAPL");
        _time.Advance(TimeSpan.FromSeconds(3));
        var run = await RunCachedAsync("--format", "csv", "-v", "AAPL", "MSFT");

        Assert.Contains("quotefetch: AAPL: from the cache, asked 3.0 s ago", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 request, 0 retries, 1 request saved by the cache", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryFromOneSource_IsNeverServedForAnother()
    {
        await using var other = await FakeYahooServer.StartAsync();
        other.Options.TimeProvider = _time;
        await RunCachedAsync("--format", "csv", "AAPL");
        await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");

        var quote = await CliRun.RunAsync(
            ["--base-url", other.BaseAddress.ToString(), "--format", "csv", "AAPL"],
            environment: Environment(),
            time: _time
        );
        var history = await CliRun.RunAsync(
            [
                "--base-url",
                other.BaseAddress.ToString(),
                "history",
                "MSFT",
                "--start",
                "2026-01-05",
                "--end",
                "2026-01-30",
            ],
            environment: Environment(),
            time: _time
        );

        Assert.Equal(0, quote.ExitCode + history.ExitCode);
        Assert.Equal(1, other.RequestsFor("AAPL"));
        Assert.Equal(1, other.RequestsFor("MSFT"));
        // Each source's entries are still there for it.
        await RunCachedAsync("--format", "csv", "AAPL");
        await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");
        Assert.Equal(2, Server.RequestCount);
    }

    [Fact]
    public async Task Watch_ServesAQuoteWithinMaxAge_FromTheCache()
    {
        await RunCachedAsync("--format", "csv", "AAPL");
        var run = await RunCachedAsync("--watch", "10", "--rounds", "1", "--format", "ndjson", "AAPL", "MSFT");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, Server.RequestsFor("AAPL"));
        Assert.Equal(1, Server.RequestsFor("MSFT"));
    }

    [Fact]
    public async Task TwoProcessesWritingAtOnce_BothSucceed_AndBothAreStored()
    {
        string[] left = ["AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "META", "NFLX", "INTC"];
        string[] right = ["IBM", "ORCL", "SAP", "CSCO", "ADBE", "CRM", "QCOM", "TXN"];
        string[] Command(string[] symbols) =>
            [
                .. Args("history", "--start", "2025-01-06", "--end", "2026-01-30", "--events", "--format", "csv"),
                .. symbols,
            ];
        using var one = CliProcess.Start(Command(left), Environment());
        using var two = CliProcess.Start(Command(right), Environment());

        var (exitOne, _, errorOne) = await one.WaitAsync();
        var (exitTwo, _, errorTwo) = await two.WaitAsync();
        Assert.Equal((0, ""), (exitOne, errorOne));
        Assert.Equal((0, ""), (exitTwo, errorTwo));
        Assert.Equal(16, Server.RequestCount);

        var again = await CliRun.RunAsync(Command([.. left, .. right]), environment: Environment());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(16, Server.RequestCount);
    }

    [Fact]
    public async Task ACorruptFile_IsMovedAside_AndRebuilt_WithOneWarning()
    {
        var noise = new byte[64 * 1024];
        new Random(12).NextBytes(noise);
        await File.WriteAllBytesAsync(Path.Combine(_directory, "quotefetch.db"), noise);

        var first = await RunCachedAsync("--format", "csv", "AAPL");
        var second = await RunCachedAsync("--format", "csv", "AAPL");

        Assert.Equal(0, first.ExitCode);
        Assert.Single(first.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(
            "could not be used (file is not a database); moved it to",
            first.Error,
            StringComparison.Ordinal
        );
        Assert.Single(Directory.GetFiles(_directory, "quotefetch.db.broken-*"));
        Assert.Equal("", second.Error);
        Assert.Equal(1, Server.RequestsFor("AAPL"));
    }

    [Fact]
    public async Task AFileWithTablesButNoSchemaVersion_IsMovedAside_AndRebuilt()
    {
        WriteDatabase("CREATE TABLE quotes (symbol TEXT, price REAL);");

        var first = await RunCachedAsync("--format", "csv", "AAPL");
        var second = await RunCachedAsync("--format", "csv", "AAPL");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains(
            "could not be used (tables without a schema version); moved it to",
            first.Error,
            StringComparison.Ordinal
        );
        Assert.Single(Directory.GetFiles(_directory, "quotefetch.db.broken-*"));
        Assert.Equal("", second.Error);
        Assert.Equal(1, Server.RequestsFor("AAPL"));
    }

    [Fact]
    public async Task AFileFromANewerSchema_IsLeftAlone_AndTheRunGoesOnWithoutTheCache()
    {
        WriteDatabase(
            "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (99);"
        );

        var run = await RunCachedAsync("--format", "csv", "AAPL");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("has schema version 99, newer than this quotefetch's 1", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "quotefetch.db.broken-*"));
    }

    [Fact]
    public async Task ADirectoryWhereNothingCanBeWritten_RunsWithoutTheCache_AndWarns()
    {
        // sysfs refuses new files even to root, where a chmod would not stop anything.
        var run = await CliRun.RunAsync(
            Args("--format", "csv", "AAPL"),
            environment: new Dictionary<string, string> { ["QUOTEFETCH_CACHE_DIR"] = "/sys/kernel" }
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.OutLines.Length);
        Assert.StartsWith("quotefetch: cannot use the cache in '/sys/kernel' (", run.Error, StringComparison.Ordinal);
        Assert.Contains("running without the cache", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CacheInfo_ShowsThePathSizeAndEntries_AndClearEmptiesIt()
    {
        await RunCachedAsync("--format", "csv", "AAPL", "MSFT");
        _time.Advance(TimeSpan.FromDays(40));
        await RunCachedAsync("history", "MSFT", "--start", "2026-01-05", "--end", "2026-01-30");

        var info = await RunCachedAsync("cache", "info");
        var path = Path.Combine(_directory, "quotefetch.db");
        Assert.Equal(0, info.ExitCode);
        Assert.Equal($"path: {path}", info.OutLines[0]);
        Assert.Matches("^size: [1-9][0-9]* bytes$", info.OutLines[1]);
        Assert.Equal(
            [
                "quotes: 2 (oldest 2026-03-04T18:00:00Z, newest 2026-03-04T18:00:00Z)",
                "history: 1 (oldest 2026-04-13T18:00:00Z, newest 2026-04-13T18:00:00Z)",
                "history bars: 20",
            ],
            info.OutLines[2..]
        );

        var older = await RunCachedAsync("cache", "clear", "--older-than", "30d");
        Assert.Equal($"removed 2 entries from {path}\n", older.Out);
        var all = await RunCachedAsync("cache", "clear");
        Assert.Equal($"removed 1 entry from {path}\n", all.Out);
        var empty = await RunCachedAsync("cache", "info");
        Assert.Equal(["quotes: 0", "history: 0", "history bars: 0"], empty.OutLines[2..]);
    }

    [Fact]
    public async Task CacheClear_ABadAge_IsAUsageError()
    {
        var run = await RunCachedAsync("cache", "clear", "--older-than", "30");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: --older-than must be a whole number and a unit",
            run.Error,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("/own", "/xdg", "/home/me", "/own")]
    [InlineData(null, "/xdg", "/home/me", "/xdg/quotefetch")]
    [InlineData(null, "relative", "/home/me", "/home/me/.cache/quotefetch")]
    [InlineData(null, null, "/home/me", "/home/me/.cache/quotefetch")]
    [InlineData(null, null, null, null)]
    public void TheDirectory_ComesFromTheEnvironment(string? own, string? xdg, string? home, string? expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["QUOTEFETCH_CACHE_DIR"] = own,
            ["XDG_CACHE_HOME"] = xdg,
            ["HOME"] = home,
        };

        Assert.Equal(expected, CacheLocation.Directory(name => environment.GetValueOrDefault(name)));
    }
}
