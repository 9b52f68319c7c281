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
}
