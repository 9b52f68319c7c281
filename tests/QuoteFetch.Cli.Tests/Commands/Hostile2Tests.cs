using QuoteFetch.Cli.Tests.Cache;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>
/// Hostile and careless use of <c>portfolio</c>, <c>--watch</c> and the cache: each test pins a promise that a
/// hostile input once broke.
/// </summary>
public sealed class Hostile2Tests : FakeYahooTestBase, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quotefetch-hostile2-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Holdings(string text)
    {
        var path = Path.Combine(_directory, "holdings.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private Task<CliRun> StrictPortfolioAsync(string path) =>
        CliRun.RunAsync(["portfolio", path, "--base-url", Server.BaseAddress.ToString(), "--strict"]);

    // decimal holds 28-29 significant digits; a quantity with more was rounded without a word (30 places became
    // 28, and 31 zeros then a 1 became a quantity of 0), which is a guess, not exact arithmetic.
    [Theory]
    [InlineData("quantity", "AAPL,1.123456789012345678901234567890,")]
    [InlineData("quantity", "AAPL,0.0000000000000000000000000000001,")]
    [InlineData("cost", "AAPL,1,0.123456789012345678901234567891")]
    public async Task Number_WithMoreDigitsThanDecimalHolds_IsABadRow_NotRounded(string column, string row)
    {
        var path = Holdings($"symbol,quantity,cost\n{row}\n");

        var run = await StrictPortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{path}:2: AAPL: {column} '", run.Error, StringComparison.Ordinal);
        Assert.Contains("has more digits than", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }

    [Theory]
    [InlineData("AAPL,000012.5000,1800.10")]
    [InlineData("AAPL,+.5,0")]
    [InlineData("AAPL,79228162514264337593543950335,")]
    [InlineData("AAPL,5.,0.0000000000000000000000000001")]
    public async Task Number_ThatDecimalHoldsExactly_IsValued(string row)
    {
        var path = Holdings($"symbol,quantity,cost\n{row}\n");

        var run = await StrictPortfolioAsync(path);

        Assert.DoesNotContain("has more digits than", run.Error, StringComparison.Ordinal);
        Assert.True(run.ExitCode != 2, run.Error);
    }

    private Task<CliRun> CachedAsync(params string[] args) =>
        CliRun.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--format", "csv", .. args],
            environment: new Dictionary<string, string> { ["QUOTEFETCH_CACHE_DIR"] = _directory }
        );

    private void Damage(string sql) => CacheFile.Execute(_directory, sql);

    // A stored time or max-age out of DateTimeOffset's or TimeSpan's range threw ArgumentOutOfRangeException,
    // which the cache did not count as damage: exit 70, "this is a bug", and no price at all.
    [Theory]
    [InlineData("UPDATE quotes SET market_time = 99999999999999999")]
    [InlineData("UPDATE quotes SET fetched_at = -99999999999999999")]
    [InlineData("UPDATE quotes SET max_age_ms = 9223372036854775807")]
    public async Task ADamagedQuoteRow_TurnsTheCacheOff_AndTheRunGoesOn(string damage)
    {
        Assert.Equal(0, (await CachedAsync("AAPL")).ExitCode);
        Damage(damage);

        var run = await CachedAsync("AAPL");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("AAPL,220.00,USD,", run.OutLines[1], StringComparison.Ordinal);
        Assert.Contains("stopped working", run.Error, StringComparison.Ordinal);
    }

    // cache info met the same exception and called it a usage error: exit 2 and "run 'quotefetch --help'".
    [Fact]
    public async Task CacheInfo_OnADamagedTime_SaysSo_AndExitsZero()
    {
        Assert.Equal(0, (await CachedAsync("AAPL")).ExitCode);
        Damage("UPDATE quotes SET fetched_at = 9223372036854775807");

        var run = await CliRun.RunAsync(
            ["cache", "info"],
            environment: new Dictionary<string, string> { ["QUOTEFETCH_CACHE_DIR"] = _directory }
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("stopped working", run.Error, StringComparison.Ordinal);
    }

    // Positions too large for decimal are the holdings' problem, not the server's: the all-failed line said "check
    // --base-url: is it a Yahoo chart API?" about prices that had arrived.
    [Fact]
    public async Task PositionsTooLargeToValue_DoNotBlameTheBaseUrl()
    {
        var path = Holdings(
            "symbol,quantity\nAAPL,79228162514264337593543950335\nMSFT,79228162514264337593543950335\n"
        );

        var run = await CliRun.RunAsync(["portfolio", path, "--base-url", Server.BaseAddress.ToString()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("too large for exact decimal arithmetic", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--base-url", run.Error, StringComparison.Ordinal);
    }

    // A binary file (an .xlsx, a zip, /dev/urandom) was read as CSV: its first "row" came back in the header error,
    // up to 65,536 characters of it on one line. Symbol lists already call a NUL byte binary data.
    [Fact]
    public async Task ABinaryHoldingsFile_IsOneShortUsageError()
    {
        var path = Path.Combine(_directory, "holdings.xlsx");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. new byte[100], 0x41, 0x0A]);

        var run = await StrictPortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"quotefetch: {path}:1: holds a NUL byte: binary data, not a holdings CSV",
            run.Error.Split(" (")[0]
        );
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task AHugeHeaderThatNamesNoColumns_IsQuotedShort()
    {
        var path = Holdings(new string('x', 60_000) + ",quantity\nAAPL,1\n");

        var run = await StrictPortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the header must name the columns symbol and quantity", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Length < 400, run.Error);
    }

    // portfolio --watch --plot drew nothing and said nothing: exit 0 and no picture.
    [Fact]
    public async Task PlotWithWatch_IsAUsageError_NotSilentlyIgnored()
    {
        var path = Holdings("symbol,quantity\nAAPL,1\n");
        var plot = Path.Combine(_directory, "weights.png");

        var run = await CliRun.RunAsync([
            "portfolio",
            path,
            "--base-url",
            Server.BaseAddress.ToString(),
            "--watch",
            "1",
            "--force",
            "--rounds",
            "1",
            "--format",
            "csv",
            "--plot",
            plot,
        ]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("quotefetch: --plot does not work with --watch", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, Server.RequestCount);
    }

    // "cache frob" and a bare "cache" said "Required command was not provided": not what was wrong, nor the fix.
    [Theory]
    [InlineData("quotefetch: cache takes info or clear (run 'quotefetch cache --help')\n")]
    public async Task Cache_WithoutASubcommand_SaysWhichOnesThereAre(string expected)
    {
        var run = await CliRun.RunAsync(["cache"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error);
    }

    [Fact]
    public async Task Cache_WithAnUnknownSubcommand_NamesIt()
    {
        var run = await CliRun.RunAsync(["cache", "frob"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'frob'", run.Error, StringComparison.Ordinal);
    }
}
