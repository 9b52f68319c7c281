using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Commands;

public sealed class UntrustedServerTextTests : FakeYahooTestBase
{
    [Fact]
    public async Task Table_MarkupAndEscapesInExchange_AreShownAsInertText()
    {
        Server.Options.Faults["EVIL"] = FakeFault.MarkupInExchange();

        var run = await CliRun.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--format", "table", "EVIL"],
            terminal: true
        );

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("[red]EVIL[/]", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', run.Out);
        Assert.DoesNotContain("\u001b[31m", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_FormulaInErrorDescription_IsNeutralised()
    {
        Server.Options.Faults["EVIL"] = FakeFault.FormulaInError();

        var run = await RunAsync("--format", "csv", "EVIL");

        Assert.Equal("EVIL,,,,,not-found,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", run.OutLines[1]);
    }

    [Fact]
    public async Task Csv_EscapesBellNulC1AndBidiFromTheServer_AreRemovedAndAFormulaBehindThemIsNeutralised()
    {
        Server.Options.Faults["EVIL"] = FakeFault.MarkupInExchange();
        // JSON escapes as a server sends them: ESC before a formula, NUL, a C1 CSI and a bidi override.
        Server.Options.Faults["ERR"] = FakeFault.Raw(
            404,
            """{"chart":{"result":null,"error":{"code":"Not Found","description":"\u001b=cmd\u0000|\u009b2J\u202Eevil"}}}"""u8.ToArray()
        );

        var run = await RunAsync("--format", "csv", "EVIL", "ERR");

        Assert.DoesNotContain(run.Out, c => char.IsControl(c) && c != '\n');
        Assert.DoesNotContain('\u202E', run.Out);
        Assert.Contains(",[red]EVIL[/][31mX,", run.OutLines[1], StringComparison.Ordinal);
        Assert.EndsWith(",'=cmd|2Jevil", run.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_HostileText_IsEscapedByTheSerializer()
    {
        Server.Options.Faults["EVIL"] = FakeFault.MarkupInExchange();

        var run = await RunAsync("--format", "json", "EVIL");

        Assert.DoesNotContain('\u001b', run.Out);
        using var document = JsonDocument.Parse(run.Out);
        Assert.StartsWith(
            "[red]EVIL[/]\u001b[31m",
            document.RootElement[0].GetProperty("exchange").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Verbose_Retry_ShowsSymbolAttemptReasonAndWait()
    {
        Server.Options.Faults["FLAKY"] = FakeFault.Status(503, times: 1);

        var run = await RunAsync("-v", "FLAKY");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"Retrying FLAKY \(attempt 2 of 4\) after HTTP 503, waiting \d+(\.\d+)? s", run.Error);
    }

    [Fact]
    public async Task Deadline_Passes_PrintsWhatArrivedAndMarksTheRestTimeout()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(30);
        Server.Options.LatencyBySymbol["QUICK"] = TimeSpan.Zero;

        var run = await RunAsync("--format", "csv", "--deadline", "0.5", "SLOW1", "QUICK", "SLOW2");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.StartsWith("SLOW1,,,,,timeout,", run.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("QUICK,", run.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("SLOW2,,,,,timeout,", run.OutLines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_Always_ReportsAdvice()
    {
        Server.Options.Faults["BUSY"] = FakeFault.TooManyRequests();

        var run = await RunAsync("--format", "csv", "--retries", "0", "BUSY");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Contains("rate-limited", run.OutLines[1], StringComparison.Ordinal);
        Assert.Contains("lower --concurrency or set --rate", run.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_ReportsAdvice()
    {
        Server.Options.Faults["SLOW"] = FakeFault.Delay(TimeSpan.FromSeconds(5));

        var run = await RunAsync("--format", "csv", "--retries", "0", "--timeout", "0.2", "SLOW");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.EndsWith(
            "timeout,no complete answer within 0.2 s; raise --timeout if the source is slow",
            run.OutLines[1],
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task RateLimited_Json_ReportsAdviceAfterTheNeutralMessage()
    {
        Server.Options.Faults["BUSY"] = FakeFault.TooManyRequests();

        var run = await RunAsync("--format", "json", "--retries", "0", "BUSY");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(
            "the source answered 429 Too Many Requests; lower --concurrency or set --rate",
            json.RootElement[0].GetProperty("error").GetProperty("message").GetString()
        );
    }
}
