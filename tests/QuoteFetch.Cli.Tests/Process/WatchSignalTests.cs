using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Process;

/// <summary>A real SIGINT or SIGTERM during a watch round: the round's output is complete and valid, and the exit is 0.</summary>
public sealed class WatchSignalTests : FakeYahooTestBase
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_DuringARound_PrintsThatRound_AndExitsZero(string signal)
    {
        Server.Options.LatencyBySymbol["MSFT"] = TimeSpan.FromSeconds(30);
        using var cli = CliProcess.Start(Args("--watch", "10", "--format", "ndjson", "AAPL", "MSFT"));
        await WaitForRequestsAsync(2);

        await cli.SignalAsync(signal);
        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        var lines = output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Equal(["AAPL", "MSFT"], lines.Select(line => line.GetProperty("symbol").GetString()));
        Assert.All(lines, line => Assert.Equal(1, line.GetProperty("round").GetInt32()));
        Assert.Equal("cancelled", lines[1].GetProperty("error").GetProperty("kind").GetString());
    }
}
