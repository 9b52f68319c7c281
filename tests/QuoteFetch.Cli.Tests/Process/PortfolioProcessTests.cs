namespace QuoteFetch.Cli.Tests.Process;

/// <summary><c>quotefetch portfolio</c> as a real process: holdings from a pipe, and from devices that never end.</summary>
public sealed class PortfolioProcessTests : FakeYahooTestBase
{
    [Fact]
    public async Task HoldingsFromAPipe_Dash()
    {
        using var cli = CliProcess.StartBash(
            $"printf 'symbol,quantity,cost\\nOCDO.L,250,900\\n' | quotefetch portfolio - --base-url {Server.BaseAddress} --format csv"
        );

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        // 250 × 305.3 p = 763.25 GBP; × 1.2634 = 964.29005 → 964.29; loss 136.75 on 900 → -15.19 %.
        Assert.Equal(
            $"{PortfolioCsv.Header}\nOCDO.L,250,305.30,GBp,763.25,GBP,1.263400,964.29,USD,900.00,-136.75,-15.19,100.00,,\n",
            output
        );
    }

    [Fact]
    public async Task Sigint_MidBatch_EveryPositionPrinted_Exit130()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        Server.Options.LatencyBySymbol["AAPL"] = TimeSpan.Zero;
        var holdings = Path.Combine(Path.GetTempPath(), $"quotefetch-sigint-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(holdings, "symbol,quantity\nAAPL,2\nSLOW,1\nOCDO.L,1\n");
        using var cli = CliProcess.Start([
            "portfolio",
            holdings,
            "--base-url",
            Server.BaseAddress.ToString(),
            "--format",
            "csv",
        ]);

        // AAPL, SLOW, OCDO.L and GBPUSD=X are all in the one batch.
        await WaitForRequestsAsync(4);
        await cli.SignalAsync("INT");
        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(130, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["AAPL", "SLOW", "OCDO.L"], rows.Skip(1).Select(row => row.Split(',')[0]));
        Assert.StartsWith("AAPL,2,220.003,USD,440.01,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",cancelled,", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(4, Server.RequestCount);
        File.Delete(holdings);
    }

    [Theory]
    [InlineData("/dev/zero", "quotefetch: /dev/zero:1: holds a NUL byte: binary data, not a holdings CSV (")]
    [InlineData("/dev/urandom", "quotefetch: /dev/urandom:")]
    public async Task EndlessDevice_AsHoldings_ExitsTwoWithOneLine(string device, string start)
    {
        using var cli = CliProcess.Start(["portfolio", device, "--base-url", Server.BaseAddress.ToString()]);

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, Server.RequestCount);
    }
}
