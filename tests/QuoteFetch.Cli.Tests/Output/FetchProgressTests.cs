namespace QuoteFetch.Cli.Tests.Output;

public sealed class FetchProgressTests
{
    private static async IAsyncEnumerable<QuoteResult> ResultsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return QuoteResult.Failure($"S{i}", QuoteErrorKind.NotFound, "gone");
        }
    }

    [Fact]
    public async Task CollectAsync_Results_AreAllKeptAndProgressGoesToTheGivenWriter()
    {
        using var error = new StringWriter();

        var collected = await FetchProgress.CollectAsync(ResultsAsync(25), 25, FetchProgress.ForTerminal(error));

        Assert.Equal(25, collected.Count);
        Assert.Contains("Fetching 25 symbols", error.ToString(), StringComparison.Ordinal);
    }
}
