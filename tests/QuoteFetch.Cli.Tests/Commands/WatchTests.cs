using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>--watch: rounds through one client and pool, appended blocks off a terminal, a live table on one.</summary>
public sealed class WatchTests : FakeYahooTestBase
{
    [Fact]
    public async Task ThreeRounds_Ndjson_AppendOneBlockPerRound_OverTheSamePool()
    {
        var run = await RunAsync("--watch", "1", "--force", "--rounds", "3", "--format", "ndjson", "AAPL", "MSFT");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([1, 1, 2, 2, 3, 3], lines.Select(line => line.GetProperty("round").GetInt32()));
        Assert.Equal(
            ["AAPL", "MSFT", "AAPL", "MSFT", "AAPL", "MSFT"],
            lines.Select(line => line.GetProperty("symbol").GetString())
        );
        var fetchedAt = lines.Select(line => line.GetProperty("fetchedAt").GetDateTimeOffset()).Distinct().ToList();
        Assert.Equal(3, fetchedAt.Count);
        // Rounds start a --watch apart (the wall clock and the pause's monotonic clock may differ by a tick).
        Assert.True(fetchedAt[1] - fetchedAt[0] >= TimeSpan.FromSeconds(0.99), $"{fetchedAt[0]:O} → {fetchedAt[1]:O}");
        // Two symbols at a time need at most two connections, for all three rounds.
        Assert.True(Server.ConnectionCount is 1 or 2, $"{Server.ConnectionCount} connections");
        Assert.Equal(6, Server.RequestCount);
    }

    [Fact]
    public async Task Csv_HasTheHeaderOnce_AndRoundColumns()
    {
        var run = await RunAsync("--watch", "1", "--force", "--rounds", "2", "--format", "csv", "AAPL");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("round,fetched_at," + CsvQuoteWriter.Header, run.OutLines[0]);
        Assert.Equal(3, run.OutLines.Length);
        Assert.StartsWith("1,", run.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,", run.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedSecondRound_DoesNotEndTheWatch_AndTheNextPauseDoubles()
    {
        // Round 1 is answered; round 2 gets 429 (no retries); round 3 is answered again.
        Server.Options.Faults["AAPL"] = FakeFault.TooManyRequests(times: 1).StartingAfter(1);

        var run = await RunAsync(
            "--watch",
            "1",
            "--force",
            "--rounds",
            "3",
            "--retries",
            "0",
            "--format",
            "ndjson",
            "AAPL"
        );

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(
            ["", "rate-limited", ""],
            lines.Select(line =>
                line.GetProperty("error").ValueKind == JsonValueKind.Null
                    ? ""
                    : line.GetProperty("error").GetProperty("kind").GetString()
            )
        );
        Assert.Contains("round 2 was rate-limited: waiting 2 s", run.Error, StringComparison.Ordinal);
        var fetchedAt = lines.Select(line => line.GetProperty("fetchedAt").GetDateTimeOffset()).ToList();
        Assert.True(fetchedAt[2] - fetchedAt[1] >= TimeSpan.FromSeconds(1.99), $"{fetchedAt[1]:O} → {fetchedAt[2]:O}");
    }

    [Fact]
    public async Task Terminal_ShowsOneLiveTable_WithTheRound()
    {
        var run = await CliRun.RunAsync(
            Args("--watch", "1", "--force", "--rounds", "2", "AAPL", "FB"),
            terminal: true,
            environment: new Dictionary<string, string> { ["TERM"] = "xterm-256color" }
        );

        // --rounds ends like a single run: FB has no price in the last round.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AAPL", run.Out, StringComparison.Ordinal);
        Assert.Contains("round 2", run.Out, StringComparison.Ordinal);
        Assert.Contains("not-found", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_DuringARound_PrintsThatRound_AndExitsZero()
    {
        Server.Options.LatencyBySymbol["MSFT"] = TimeSpan.FromSeconds(30);
        using var interrupt = new CancellationTokenSource();
        var running = CliRun.RunAsync(
            Args("--watch", "10", "--format", "ndjson", "AAPL", "MSFT"),
            cancellationToken: interrupt.Token
        );
        await WaitForRequestsAsync(2);

        await interrupt.CancelAsync();
        var run = await running;

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["AAPL", "MSFT"], lines.Select(line => line.GetProperty("symbol").GetString()));
        Assert.Equal("cancelled", lines[1].GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(
        new[] { "--watch", "5", "AAPL" },
        "quotefetch: --watch must be at least 10 seconds (Yahoo's answers are fresh for 10 s); add --force to go down to 1"
    )]
    [InlineData(
        new[] { "--watch", "0.5", "--force", "AAPL" },
        "quotefetch: --watch must be a number of seconds from 1 to 86400, not '0.5'"
    )]
    [InlineData(new[] { "--rounds", "2", "AAPL" }, "quotefetch: --rounds needs --watch")]
    [InlineData(new[] { "--force", "AAPL" }, "quotefetch: --force needs --watch")]
    [InlineData(
        new[] { "--watch", "10", "--format", "json", "AAPL" },
        "quotefetch: --watch appends one block per round: use --format ndjson or csv (or a terminal's table)"
    )]
    [InlineData(
        new[] { "quote", "--watch", "10", "--rounds", "0", "AAPL" },
        "quotefetch: --rounds must be a whole number from 1 to 1000000, not '0'"
    )]
    public async Task UsageErrors_AreOneLine(string[] args, string expected)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }
}
