using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>The <c>history</c> and <c>quote</c> subcommands end to end: parse, fetch from the fake server, write.</summary>
public sealed class HistoryCommandTests : FakeYahooTestBase
{
    private const string RecordedStart = "2020-08-31";
    private const string RecordedEnd = "2020-11-06";

    private Task<CliRun> HistoryAsync(params string[] args) =>
        CliRun.RunAsync(["history", "--base-url", Server.BaseAddress.ToString(), .. args]);

    [Theory]
    [InlineData(
        new[] { "history", "--range", "1y", "--start", "2024-01-01", "AAPL" },
        "quotefetch: --range and --start cannot be used together"
    )]
    [InlineData(new[] { "history", "--end", "2024-01-01", "AAPL" }, "quotefetch: --end needs --start")]
    [InlineData(
        new[] { "history", "--start", "2024-13-01", "AAPL" },
        "quotefetch: --start must be a date as YYYY-MM-DD, not '2024-13-01'"
    )]
    [InlineData(
        new[] { "history", "--range", "7y", "AAPL" },
        "quotefetch: --range must be one of 1d, 5d, 1mo, 3mo, 6mo, 1y, 2y, 5y, 10y, ytd, max, not '7y'"
    )]
    [InlineData(
        new[] { "history", "--interval", "7m", "AAPL" },
        "quotefetch: --interval must be one of 1d, 1m, 2m, 5m, 15m, 30m, 60m, 90m, 1h, 5d, 1wk, 1mo, 3mo, not '7m'"
    )]
    [InlineData(
        new[] { "history", "--interval", "1m", "--range", "1y", "AAPL" },
        "quotefetch: 1m bars exist only for the last 30 days; range=1y reaches further back"
    )]
    [InlineData(
        new[] { "history", "--start", "2024-02-01", "--end", "2024-01-01", "AAPL" },
        "quotefetch: the start date 2024-02-01 is after the end date 2024-01-01"
    )]
    [InlineData(
        new[] { "history", "--wide", "--format", "json", "AAPL" },
        "quotefetch: --wide needs --format csv (one close column per symbol)"
    )]
    [InlineData(
        new[] { "history", "--plot", "chart.jpg", "AAPL" },
        "quotefetch: --plot must name a .png file, not 'chart.jpg'"
    )]
    [InlineData(
        new[] { "history", "--wide", "--format", "csv", "-o", "out/{symbol}.csv", "AAPL" },
        "quotefetch: --wide puts every symbol in one file; -o cannot contain {symbol} with it"
    )]
    [InlineData(
        new[] { "history", "-c", "0", "AAPL" },
        "quotefetch: --concurrency must be a whole number from 1 to 10000, not '0'"
    )]
    [InlineData(new[] { "history" }, "quotefetch: no symbols given")]
    [InlineData(new[] { "history", "--decimals", "2", "AAPL" }, "quotefetch: unknown option '--decimals'")]
    [InlineData(
        new[] { "quote", "--format", "xml", "AAPL" },
        "quotefetch: --format must be one of table, json, csv, ndjson, not 'xml'"
    )]
    [InlineData(new[] { "quote", "--range", "1y", "AAPL" }, "quotefetch: unknown option '--range'")]
    public async Task UsageErrors_AreOneLineWithExit2_BeforeAnyRequest(string[] args, string expected)
    {
        var run = await CliRun.RunAsync(["--base-url", Server.BaseAddress.ToString(), .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("history")]
    public async Task Help_OnEverySubcommand_ShowsDefaultsAndExamples(string subcommand)
    {
        var run = await CliRun.RunAsync([subcommand, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[default: 16]", run.Out, StringComparison.Ordinal);
        Assert.Contains($"Examples:\n  quotefetch {subcommand} ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteSubcommand_PrintsWhatTheRootCommandPrints()
    {
        var root = await RunAsync("--format", "csv", "AAPL", "MSFT");
        var quote = await CliRun.RunAsync(["quote", .. Args("--format", "csv", "AAPL", "MSFT")]);

        Assert.Equal(0, quote.ExitCode);
        Assert.Equal(root.Out, quote.Out);
        Assert.Equal(3, quote.OutLines.Length);
    }

    [Fact]
    public async Task History_SendsTheRequestedWindowAndWritesTheRecordedBars()
    {
        var run = await HistoryAsync("AAPL", "--start", RecordedStart, "--end", RecordedEnd, "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "period1=1598832000&period2=1604707200&interval=1d&includePrePost=false",
            Server.LastQueryFor("AAPL")?.TrimStart('?')
        );
        Assert.StartsWith(
            "symbol,date,open,high,low,close,adj_close,volume",
            run.OutLines[0],
            StringComparison.Ordinal
        );
        Assert.Equal(1 + 49, run.OutLines.Length);
    }

    [Fact]
    public async Task History_DefaultsToOneYearOfDailyBars()
    {
        var run = await HistoryAsync("MSFT", "--format", "ndjson");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("range=1y&interval=1d&includePrePost=false", Server.LastQueryFor("MSFT")?.TrimStart('?'));
    }

    [Fact]
    public async Task History_Events_AsksForDividendsAndSplits()
    {
        var run = await HistoryAsync(
            "AAPL",
            "--start",
            RecordedStart,
            "--end",
            RecordedEnd,
            "--events",
            "--format",
            "json"
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("events=div%2Csplits", Server.LastQueryFor("AAPL"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var aapl = json.RootElement[0];
        Assert.Equal("0.205", aapl.GetProperty("dividends")[0].GetProperty("amount").GetRawText());
        Assert.Equal("4", aapl.GetProperty("splits")[0].GetProperty("numerator").GetRawText());
    }

    [Fact]
    public async Task History_ShowsCleanedPricesByDefault_AndExactOnesWithExact()
    {
        var cleaned = await HistoryAsync("AAPL", "--start", RecordedStart, "--end", RecordedEnd, "--format", "csv");
        var exact = await HistoryAsync(
            "AAPL",
            "--start",
            RecordedStart,
            "--end",
            RecordedEnd,
            "--format",
            "csv",
            "--exact"
        );

        // The recorded first close is Yahoo's float32 text for 129.04.
        Assert.Contains(",129.04,", cleaned.OutLines[1], StringComparison.Ordinal);
        Assert.Contains(",129.0399932861328,", exact.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_TwoHundredSymbols_EachExactlyOnce_UnknownOnesAsErrors()
    {
        var symbols = Enumerable.Range(0, 198).Select(i => $"S{i:000}").Concat(["FB", "NONEXIST"]).ToArray();

        var run = await HistoryAsync(["--format", "ndjson", "--range", "1mo", "-c", "16", .. symbols]);

        Assert.Equal(1, run.ExitCode);
        var lines = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(symbols, lines.Select(line => line.GetProperty("symbol").GetString()));
        Assert.Equal(
            ["FB", "NONEXIST"],
            lines
                .Where(line => line.GetProperty("error").ValueKind == JsonValueKind.Object)
                .Select(line => line.GetProperty("symbol").GetString())
        );
        Assert.All(lines.Take(198), line => Assert.NotEqual(0, line.GetProperty("bars").GetArrayLength()));
        Assert.Equal(200, Server.RequestCount);
    }

    [Fact]
    public async Task History_OutputPerSymbol_WritesOneFileEach()
    {
        using var folder = new TemporaryFolder();
        var template = Path.Combine(folder.Path, "prices", "{symbol}.csv");
        Directory.CreateDirectory(Path.Combine(folder.Path, "prices"));

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--format", "csv", "-o", template);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            ["AAPL.csv", "MSFT.csv"],
            Directory.GetFiles(Path.Combine(folder.Path, "prices")).Select(Path.GetFileName).Order()
        );
        var msft = File.ReadAllLines(Path.Combine(folder.Path, "prices", "MSFT.csv"));
        Assert.All(msft.Skip(1), line => Assert.StartsWith("MSFT,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_OutputPerSymbol_NeverLeavesTheNamedDirectory()
    {
        using var folder = new TemporaryFolder();
        var inside = Path.Combine(folder.Path, "inside");
        Directory.CreateDirectory(inside);

        // An invalid symbol still gets its result (an error), and its text is echoed whole: "../escaped" would lead
        // out of the directory.
        var run = await HistoryAsync("AAPL", "../escaped", "--range", "1mo", "-o", Path.Combine(inside, "{symbol}"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["inside"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Equal(["AAPL"], Directory.GetFiles(inside).Select(Path.GetFileName));
        Assert.Contains("'../ESCAPED'", run.Error, StringComparison.Ordinal);
        Assert.Contains("would leave the directory", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OutputFile_TakesItsFormatFromTheExtension()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "aapl.ndjson");

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "-o", path);

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task History_OutputFileWithAnUnknownExtension_OnATerminal_IsCsvNotATable()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "aapl.txt");

        var run = await CliRun.RunAsync(
            ["history", "--base-url", Server.BaseAddress.ToString(), "--range", "1mo", "-o", path, "AAPL"],
            terminal: true
        );

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("symbol,date,", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_UnwritableOutput_IsAnOutputError()
    {
        var run = await HistoryAsync("AAPL", "--range", "1mo", "-o", "/proc/no/such/dir/out.csv");

        Assert.Equal(74, run.ExitCode);
        Assert.StartsWith("quotefetch: cannot write", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Plot_WritesAPngOfTheDefaultSize_BesideTheOutput()
    {
        using var folder = new TemporaryFolder();
        var png = Path.Combine(folder.Path, "closes.png");

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "3mo", "--format", "csv", "--plot", png);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("symbol,date,", run.Out, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR: width and height, big-endian, right after the signature and the chunk's length and type.
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(700, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Fact]
    public async Task History_Plot_DrawsAtMostTwentySymbols_AndSaysWhichItLeftOut()
    {
        using var folder = new TemporaryFolder();
        var png = Path.Combine(folder.Path, "many.png");
        var symbols = Enumerable.Range(0, 22).Select(i => $"P{i:00}").ToArray();

        var run = await HistoryAsync(["--range", "1mo", "--format", "csv", "--plot", png, .. symbols]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(png));
        Assert.Contains("--plot draws at most 20 symbols; left out 2: P20 P21", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Plot_NothingToDraw_StillWritesThePicture_AndSaysSo()
    {
        using var folder = new TemporaryFolder();
        var png = Path.Combine(folder.Path, "weekend.png");

        // 2020-11-07 and 08 are a Saturday and a Sunday: no bars.
        var run = await HistoryAsync(
            "IBM",
            "--start",
            "2020-11-07",
            "--end",
            "2020-11-08",
            "--format",
            "csv",
            "--plot",
            png
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no symbol has bars to draw", run.Error, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 0);
    }

    [Fact]
    public async Task History_Plot_UnwritablePath_IsAnOutputError()
    {
        var run = await HistoryAsync("AAPL", "--range", "1mo", "--format", "csv", "--plot", "/proc/no/such/dir/x.png");

        Assert.Equal(74, run.ExitCode);
        Assert.Contains("x.png", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_PipedOutput_ErrorIsATerminal_ShowsProgressWhileTheCsvStreams()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error, false, false, _ => null)
        {
            IsErrorTerminal = true,
        };

        var exitCode = await QuoteFetchApp.RunAsync(
            ["history", "--base-url", Server.BaseAddress.ToString(), "--range", "1mo", "MSFT", "AAPL"],
            console
        );

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Fetching 2 symbols", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("symbol,date,", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_PipedOutput_ErrorNotATerminal_HasNoProgress()
    {
        var run = await HistoryAsync("--range", "1mo", "MSFT", "AAPL");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("quotefetch-history-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
