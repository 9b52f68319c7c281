namespace QuoteFetch.Cli.Tests.Process;

/// <summary>Input and resource limits as only a real process sees them: device files, a small heap, ulimit -n.</summary>
public sealed class InputProcessTests : FakeYahooTestBase
{
    // A heap far below what reading the devices whole took (8.4 GB, 24 GB): the run must stay within it.
    private static readonly Dictionary<string, string> SmallHeap = new() { ["DOTNET_GCHeapHardLimit"] = "0x10000000" };

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task EndlessDevice_AsTheFile_ExitsTwoWithOneLine(string device)
    {
        using var cli = CliProcess.Start(["--base-url", Server.BaseAddress.ToString(), "-f", device], SmallHeap);

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith($"quotefetch: '{device}' is not a symbol list: line ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task Concurrency_AboveTheOpenFileLimit_IsLoweredWithANotice()
    {
        var symbols = Enumerable.Range(0, 400).Select(i => $"S{i:D4}").ToArray();
        Server.Options.Latency = TimeSpan.FromMilliseconds(200);
        using var cli = CliProcess.StartWithOpenFileLimit(
            256,
            ["--base-url", Server.BaseAddress.ToString(), "--retries", "0", "-c", "1000", .. symbols]
        );

        var (exitCode, output, error) = await cli.WaitAsync();

        Assert.Equal(
            "quotefetch: --concurrency 1000 is more than the open-file limit allows (ulimit -n is 256); using 128\n",
            error
        );
        Assert.Equal(0, exitCode);
        Assert.Equal(401, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.InRange(Server.MaxConcurrentConnections, 1, 128);
    }
}
