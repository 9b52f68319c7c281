using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Commands;

public sealed class FetchCommandTests : FakeYahooTestBase
{
    private static readonly IReadOnlyList<string> TutorialSymbols = FakeYahooFixtures.TutorialSymbols;

    [Fact]
    public async Task Tickers_TutorialNine_PrintsEveryPairAndExitsOneBecauseOfFb()
    {
        var run = await RunAsync(["--format", "csv", "-t", .. TutorialSymbols]);

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Equal(Golden.Read("tutorial.csv"), run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Json_TutorialNine_MatchesTheDocumentedShape()
    {
        var run = await RunAsync(["--format", "json", .. TutorialSymbols]);

        Assert.Equal(Golden.Read("tutorial.json"), run.Out);
        using var document = JsonDocument.Parse(run.Out);
        var aapl = document.RootElement[4];
        Assert.Equal(
            ["symbol", "price", "currency", "exchange", "marketTime", "error"],
            aapl.EnumerateObject().Select(property => property.Name)
        );
        Assert.Equal("220.003", aapl.GetProperty("price").GetRawText());
        Assert.Equal("2025-03-24T13:51:33+00:00", aapl.GetProperty("marketTime").GetString());
        var fb = document.RootElement[8];
        Assert.Equal(JsonValueKind.Null, fb.GetProperty("price").ValueKind);
        Assert.Equal("not-found", fb.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(
            "No data found, symbol may be delisted",
            fb.GetProperty("error").GetProperty("message").GetString()
        );
    }

    [Fact]
    public async Task Ndjson_EachLineIsOneCompleteObject()
    {
        var run = await RunAsync("--format", "ndjson", "AAPL", "FB", "MSFT");

        Assert.Equal(3, run.OutLines.Length);
        var symbols = run.OutLines.Select(line =>
            JsonDocument.Parse(line).RootElement.GetProperty("symbol").GetString()
        );
        Assert.Equal(["AAPL", "FB", "MSFT"], symbols);
    }

    [Fact]
    public async Task OrderCompletion_DifferentLatencies_StreamsFastestFirst_AndInputOrderRestoresIt()
    {
        Server.Options.LatencyBySymbol["SLOW"] = TimeSpan.FromMilliseconds(1600);
        Server.Options.LatencyBySymbol["MID"] = TimeSpan.FromMilliseconds(800);

        var completion = await RunAsync("--format", "csv", "--order", "completion", "SLOW", "MID", "FAST");
        var input = await RunAsync("--format", "csv", "SLOW", "MID", "FAST");

        Assert.Equal(["FAST", "MID", "SLOW"], completion.OutLines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.Equal(["SLOW", "MID", "FAST"], input.OutLines.Skip(1).Select(line => line.Split(',')[0]));
    }

    [Fact]
    public async Task Symbols_InvalidDuplicateAndLowerCase_EachAppearsOnce()
    {
        var run = await RunAsync("--format", "csv", "aapl", "AAPL", " msft", "BAD/X", "msft");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        var rows = run.OutLines.Skip(1).ToArray();
        Assert.Equal(["AAPL", "MSFT", "BAD/X"], rows.Select(line => line.Split(',')[0]));
        Assert.Contains("invalid-symbol", rows[2], StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestCount);
    }

    [Theory]
    [InlineData("123.455", null, "123.46")]
    [InlineData("123.445", null, "123.44")]
    [InlineData("0.30000000000000004", null, "0.30")]
    [InlineData("0.1", "3", "0.100")]
    [InlineData("1.2345e-05", "8", "0.00001234")]
    [InlineData("2.5", "0", "2")]
    public async Task Csv_Price_IsRoundedHalfToEven(string priceText, string? decimals, string shown)
    {
        Server.Options.PriceTextBySymbol["EXACT"] = priceText;
        string[] args = decimals is null ? ["EXACT"] : ["--decimals", decimals, "EXACT"];

        var run = await RunAsync(["--format", "csv", .. args]);

        Assert.Equal(shown, run.OutLines[1].Split(',')[1]);
    }

    [Fact]
    public async Task Json_Price_IsTheExactUnroundedNumber()
    {
        Server.Options.PriceTextBySymbol["EXACT"] = "123.455";

        var run = await RunAsync("--format", "json", "EXACT");

        Assert.Contains("\"price\":123.455,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_CurrencyPair_ShowsFourPlacesAsPriceHintAsks()
    {
        var run = await RunAsync("--format", "csv", "EURUSD=X", "^GSPC");

        Assert.StartsWith("EURUSD=X,1.0436,USD,CCY,", run.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("^GSPC,5085.06,USD,SNP,", run.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_Terminal_ShowsRowsAndCaption()
    {
        var run = await CliRun.RunAsync([
            "--base-url",
            Server.BaseAddress.ToString(),
            "--format",
            "table",
            "AAPL",
            "FB",
        ]);

        Assert.Contains("AAPL", run.Out, StringComparison.Ordinal);
        Assert.Contains("220.00", run.Out, StringComparison.Ordinal);
        Assert.Contains("not-found: No data found, symbol may be delisted", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 priced, 1 without a price", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_ErrorIsATerminal_ShowsProgressThereAndTheTableOnOutput()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error, true, false, _ => null) { IsErrorTerminal = true };

        var exitCode = await QuoteFetchApp.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "MSFT", "AAPL"],
            console
        );

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Fetching 2 symbols", error.ToString(), StringComparison.Ordinal);
        Assert.True(
            output.ToString().IndexOf("MSFT", StringComparison.Ordinal)
                < output.ToString().IndexOf("AAPL", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task NoFormat_NotATerminal_DefaultsToCsv_AndOnATerminalToTable()
    {
        var piped = await RunAsync("AAPL");
        var terminal = await CliRun.RunAsync(["--base-url", Server.BaseAddress.ToString(), "AAPL"], terminal: true);

        Assert.StartsWith("symbol,price,", piped.Out, StringComparison.Ordinal);
        Assert.Contains("Symbol", terminal.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("symbol,price", terminal.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_LogsTutorialLinesToStandardError()
    {
        var run = await RunAsync("-v", "AAPL", "FB");

        Assert.Contains("Making request for AAPL", run.Error, StringComparison.Ordinal);
        Assert.Contains("Received results for AAPL (ok, ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Received results for FB (not-found, ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Making request", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllPriced_ExitsZero()
    {
        var run = await RunAsync("AAPL", "MSFT");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task BaseUrl_FromEnvironment_IsUsed()
    {
        var run = await CliRun.RunAsync(
            ["AAPL"],
            environment: new Dictionary<string, string>
            {
                [FetchCommand.BaseUrlVariable] = Server.BaseAddress.ToString(),
            }
        );

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task File_WithCommentsCommasAndBlankLines_ReadsEverySymbol()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "# my portfolio\nAAPL, MSFT\n\n  goog  # alphabet\nVOD.L ^GSPC\n");
        try
        {
            var run = await RunAsync("--format", "csv", "-f", path);

            Assert.Equal(
                ["AAPL", "MSFT", "GOOG", "VOD.L", "^GSPC"],
                run.OutLines.Skip(1).Select(line => line.Split(',')[0])
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task File_Dash_ReadsStandardInput()
    {
        var run = await CliRun.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "-f", "-"],
            stdin: "AAPL\nMSFT\n"
        );

        Assert.Equal(3, run.OutLines.Length);
    }

    [Fact]
    public async Task NoSymbols_StandardInputPiped_ReadsIt()
    {
        var run = await CliRun.RunAsync(["--base-url", Server.BaseAddress.ToString()], stdin: "AAPL MSFT GOOG");

        Assert.Equal(4, run.OutLines.Length);
    }
}
