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

    // The number pattern allows a leading '+', but the parse did not, and said "'+.5' is too large".
    [Theory]
    [InlineData("AAPL,000012.5000,1800.10")]
    [InlineData("AAPL,+.5,0")]
    [InlineData("AAPL,79228162514264337593543950335,")]
    public async Task Number_ThatDecimalHoldsExactly_IsValued(string row)
    {
        var path = Holdings($"symbol,quantity,cost\n{row}\n");

        var run = await StrictPortfolioAsync(path);

        Assert.True(run.ExitCode != 2, run.Error);
    }
}
