using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Process;

public sealed class ProcessTests : FakeYahooTestBase
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task Signal_MidBatch_PrintsWhatArrivedMarksTheRestCancelledAndExits130(string signal)
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var cli = CliProcess.Start(
            Args("--format", "ndjson", "--order", "completion", "QUICK", "S1", "S2", "S3")
        );

        var first = await cli.ReadLineAsync();
        await WaitForRequestsAsync(4);
        await cli.SignalAsync(signal);
        var (exitCode, rest, error) = await cli.WaitAsync();

        Assert.Equal(130, exitCode);
        Assert.Contains("\"symbol\":\"QUICK\",\"price\":", first, StringComparison.Ordinal);
        var others = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Equal(["S1", "S2", "S3"], others.Select(o => o.GetProperty("symbol").GetString()).Order());
        Assert.All(others, o => Assert.Equal("cancelled", o.GetProperty("error").GetProperty("kind").GetString()));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_InputOrderCsv_PrintsEverySymbolInOrder()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var cli = CliProcess.Start(Args("--format", "csv", "QUICK", "S1", "S2"));

        // Input order streams: QUICK's row is out as soon as it arrives, while S1 and S2 are still on their way.
        Assert.Equal(CsvQuoteWriter.Header, await cli.ReadLineAsync());
        var quick = await cli.ReadLineAsync();
        await WaitForRequestsAsync(3);
        await cli.SignalAsync("INT");
        var (exitCode, output, _) = await cli.WaitAsync();

        Assert.Equal(130, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("QUICK,", quick, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled", quick, StringComparison.Ordinal);
        Assert.StartsWith("S1,,,,,cancelled,", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("S2,,,,,cancelled,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tutorial_AsAProcess_PipedOutputIsCsvAndExitCodeIsOne()
    {
        using var cli = CliProcess.Start(Args(["-t", .. FakeYahoo.FakeYahooFixtures.TutorialSymbols]));

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal(Golden.Read("tutorial.csv"), output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task NoSymbols_AsAProcess_ExitsTwoWithOneLine()
    {
        using var cli = CliProcess.Start([]);

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task HttpProxyVariable_IsHonoured()
    {
        // 127.0.0.2:9 has nothing listening: the price can only come through the proxy (the fake server).
        using var cli = CliProcess.Start(
            ["--base-url", "http://127.0.0.2:9", "--retries", "0", "AAPL"],
            new Dictionary<string, string> { ["HTTP_PROXY"] = Server.BaseAddress.ToString(), ["NO_PROXY"] = "" }
        );

        var (exitCode, output, _) = await cli.WaitAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("AAPL,220.00,", output, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.2:9/v8/finance/chart/AAPL", Server.RawTargets);
    }

    [Fact]
    public async Task NoProxyVariable_BypassesTheProxy()
    {
        // Port 9 on 127.0.0.2 has nothing listening: were the proxy used, the request would fail.
        using var cli = CliProcess.Start(
            Args("--retries", "0", "AAPL"),
            new Dictionary<string, string> { ["HTTP_PROXY"] = "http://127.0.0.2:9", ["NO_PROXY"] = "127.0.0.1" }
        );

        var (exitCode, output, _) = await cli.WaitAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("AAPL,220.00,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsProxyVariable_TunnelsThroughConnect()
    {
        await using var https = await FakeYahoo.FakeYahooServer.StartAsync(
            new FakeYahoo.FakeYahooOptions { UseHttps = true }
        );
        await using var proxy = new ConnectProxy();
        var pem = Path.GetTempFileName();
        await File.WriteAllTextAsync(pem, https.Certificate!.ExportCertificatePem());
        try
        {
            using var cli = CliProcess.Start(
                ["--base-url", https.BaseAddress.ToString(), "--retries", "0", "AAPL"],
                new Dictionary<string, string>
                {
                    ["HTTPS_PROXY"] = proxy.Address.ToString(),
                    ["NO_PROXY"] = "",
                    ["SSL_CERT_FILE"] = pem,
                }
            );

            var (exitCode, output, error) = await cli.WaitAsync();

            Assert.True(exitCode == 0, output + error);
            Assert.Contains("AAPL,220.00,", output, StringComparison.Ordinal);
            Assert.Equal([$"127.0.0.1:{https.BaseAddress.Port}"], proxy.Targets);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task Https_TrustedThroughSslCertFile_NegotiatesHttp2ByDefault()
    {
        await using var https = await FakeYahoo.FakeYahooServer.StartAsync(
            new FakeYahoo.FakeYahooOptions { UseHttps = true }
        );
        var pem = Path.GetTempFileName();
        await File.WriteAllTextAsync(pem, https.Certificate!.ExportCertificatePem());
        try
        {
            // Verification stays on: the certificate is trusted the standard way, through the OpenSSL CA file variable.
            using var cli = CliProcess.Start(
                ["--base-url", https.BaseAddress.ToString(), "--format", "csv", "AAPL", "MSFT"],
                new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem }
            );

            var (exitCode, output, error) = await cli.WaitAsync();

            Assert.True(exitCode == 0, output + error);
            Assert.Contains("AAPL,220.00,", output, StringComparison.Ordinal);
            Assert.Equal(["HTTP/2"], https.ProtocolsSeen);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("ndjson")]
    public async Task OrderCompletion_PipedOutput_ShowsEachResultWhileOthersAreStillOpen(string format)
    {
        Server.Options.Latency = TimeSpan.FromSeconds(60);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;
        using var cli = CliProcess.Start(Args("--format", format, "--order", "completion", "SLOW", "QUICK"));

        // A JSON array element ends its line only when the next one starts, so wait for the object's end instead.
        var output = await cli.ReadUntilAsync(format == "json" ? "\"error\":null}" : "QUICK");
        var stillRunning = Server.RequestsFor("SLOW") == 1 && !cli.HasExited;
        await cli.SignalAsync("INT");
        var (exitCode, _, _) = await cli.WaitAsync();

        Assert.Contains("QUICK", output, StringComparison.Ordinal);
        Assert.True(stillRunning, "QUICK's line should arrive while SLOW is still open");
        Assert.Equal(130, exitCode);
    }
}
