using System.Globalization;
using System.Text;
using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary><c>history</c> used carelessly or with hostile intent: each test pins a promise a user found broken.</summary>
public sealed class HistoryHostileTests : FakeYahooTestBase
{
    private Task<CliRun> HistoryAsync(params string[] args) =>
        CliRun.RunAsync(["history", "--base-url", Server.BaseAddress.ToString(), .. args]);

    private const string Bars =
        "\"timestamp\":[1598880600,1598967000],\"indicators\":{\"quote\":[{\"open\":[1.5,2.5],\"close\":[1.5,2.5]}]}";

    private static byte[] HistoryBody(string result) =>
        Encoding.UTF8.GetBytes("{\"chart\":{\"result\":[{" + result + "}],\"error\":null}}");

    // Bodies the array scan of the session-5 parser reads differently from the reader if anything does: each is its
    // symbol's own result or error, and costs no other symbol its bars.
    private static readonly Dictionary<string, byte[]> HostileBodies = new()
    {
        ["HBOM"] = [0xEF, 0xBB, 0xBF, .. HistoryBody("\"meta\":{\"symbol\":\"HBOM\"}," + Bars)],
        ["HCUTBRACKET"] = Encoding.UTF8.GetBytes(
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"HCUTBRACKET\"},\"timestamp\":["
        ),
        ["HCUTNUMBER"] = Encoding.UTF8.GetBytes(
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"HCUTNUMBER\"},\"timestamp\":[1598880600],"
                + "\"indicators\":{\"quote\":[{\"close\":[1.5"
        ),
        ["HDEEP"] = HistoryBody(
            "\"meta\":{\"symbol\":\"HDEEP\"},\"x\":" + new string('[', 70) + new string(']', 70) + "," + Bars
        ),
        ["HFORMFEED"] = HistoryBody(
            "\"meta\":{\"symbol\":\"HFORMFEED\"}," + Bars.Replace("[1.5,", "[\f1.5,", StringComparison.Ordinal)
        ),
        ["HTWICE"] = HistoryBody(
            "\"meta\":{\"symbol\":\"HTWICE\"},"
                + Bars.Replace("\"close\":", "\"close\":[1,2],\"cl\\u006fse\":", StringComparison.Ordinal)
        ),
        ["HLATE"] = HistoryBody(
            "\"meta\":{\"symbol\":\"HLATE\"},\"indicators\":{\"quote\":[{\"close\":[-0.0,1.0000000000000000000000000001]}]},"
                + "\"timestamp\":[1598880600,1598967000]"
        ),
    };

    private static readonly Dictionary<string, string?> HostileKind = new()
    {
        ["HBOM"] = "bad-response",
        ["HCUTBRACKET"] = "bad-response",
        ["HCUTNUMBER"] = "bad-response",
        ["HDEEP"] = "bad-response",
        ["HFORMFEED"] = "bad-response",
        ["HTWICE"] = "bad-response",
        ["HLATE"] = null,
    };

    [Theory]
    [InlineData("ndjson", "completion")]
    [InlineData("ndjson", "input")]
    [InlineData("json", "input")]
    public async Task HostileBodies_AmongHealthyOnes_AreEachTheirOwnSymbolsResultOnce(string format, string order)
    {
        var healthy = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--format", "ndjson", "--no-cache");
        foreach (var (symbol, body) in HostileBodies)
        {
            Server.Options.Faults[symbol] = FakeFault.Raw(200, body);
        }
        string[] symbols = ["HBOM", "AAPL", .. HostileBodies.Keys.Skip(1), "MSFT"];

        var run = await HistoryAsync([
            .. symbols,
            "--range",
            "1mo",
            "--format",
            format,
            "--order",
            order,
            "--retries",
            "0",
            "--no-cache",
        ]);

        Assert.Equal(1, run.ExitCode);
        var records = Records(run.Out);
        Assert.Equal(
            symbols.Order(StringComparer.Ordinal),
            records.Select(r => r.GetProperty("symbol").GetString()).Order(StringComparer.Ordinal)
        );
        Assert.All(
            records.Where(r => HostileKind.ContainsKey(r.GetProperty("symbol").GetString()!)),
            r => Assert.Equal(HostileKind[r.GetProperty("symbol").GetString()!], ErrorKind(r))
        );
        Assert.Equal(
            Records(healthy.Out).Select(r => r.GetRawText()),
            records
                .Where(r => r.GetProperty("symbol").GetString() is "AAPL" or "MSFT")
                .Select(r => r.GetRawText())
                .Order(StringComparer.Ordinal)
        );
    }

    private static string? ErrorKind(JsonElement record) =>
        record.GetProperty("error") is { ValueKind: JsonValueKind.Object } error
            ? error.GetProperty("kind").GetString()
            : null;

    // A JSON array's elements, or NDJSON's lines.
    private static List<JsonElement> Records(string text) =>
        text.TrimStart().StartsWith('[')
            ? [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())]
            : Lines(text);

    private static List<JsonElement> Lines(string text) =>
        [
            .. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()),
        ];

    // 1mo fits the file stream's buffer, so the disk is found full only when the file is closed; max overflows it.
    [Theory]
    [InlineData("1mo")]
    [InlineData("max")]
    public async Task OutputToAFullDisk_IsAnOutputError_NotABug(string range)
    {
        var run = await HistoryAsync("AAPL", "MSFT", "--range", range, "-o", "/dev/full");

        Assert.True(run.ExitCode == 74, $"exit {run.ExitCode}: {run.Error}");
        Assert.StartsWith(
            "quotefetch: cannot write the output: '/dev/full': No space left on device",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.True(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, run.Error);
    }

    // --wide --format json is refused; so is --wide into a file whose name says JSON, which got CSV under a .json name.
    [Theory]
    [InlineData("closes.json")]
    [InlineData("closes.ndjson")]
    [InlineData("closes.jsonl")]
    public async Task Wide_IntoAFileNamedForJson_IsAUsageError(string name)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, name);

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--wide", "-o", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"quotefetch: --wide writes CSV, not the JSON '{path}' names",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal(0, Server.RequestCount);
    }

    // quote's --decimals before the subcommand was taken and ignored: history never rounds to it.
    [Fact]
    public async Task QuoteOnlyOption_BeforeHistory_IsAUsageError()
    {
        var run = await CliRun.RunAsync([
            "--decimals",
            "4",
            "history",
            "--base-url",
            Server.BaseAddress.ToString(),
            "AAPL",
            "--range",
            "5d",
        ]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("quotefetch: --decimals is not a history option", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // A plot is drawn after the whole batch, and per-symbol files are opened as results arrive: a typo in the directory
    // cost the whole run (every request sent, then exit 74). It is known before the first request.
    [Theory]
    [InlineData("--plot", "missing/closes.png", "--plot: the directory '{0}' does not exist")]
    [InlineData("-o", "missing/{{symbol}}.csv", "-o: the directory '{0}' does not exist")]
    public async Task OutputIntoAMissingDirectory_IsAUsageError_BeforeAnyRequest(
        string option,
        string relative,
        string expected
    )
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, string.Format(CultureInfo.InvariantCulture, relative));

        var run = await HistoryAsync("AAPL", "MSFT", "--range", "1mo", "--format", "csv", option, path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: "
                + string.Format(CultureInfo.InvariantCulture, expected, Path.Combine(folder.Path, "missing")),
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // "Access to the path is denied" (and for --plot, only after the whole batch) when the path is a directory.
    [Theory]
    [InlineData("--plot", "closes.png")]
    [InlineData("-o", "closes.csv")]
    public async Task OutputToADirectory_IsAUsageError_BeforeAnyRequest(string option, string name)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(path);

        var run = await HistoryAsync("AAPL", "--range", "1mo", "--format", "csv", option, path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"quotefetch: {option}: '{path}' is a directory", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
        Assert.Equal(0, Server.RequestCount);
    }

    // As -f - reads standard input, -o - writes standard output; it made a file named "-" and printed nothing.
    [Fact]
    public async Task OutputDash_IsStandardOutput()
    {
        var run = await HistoryAsync("AAPL", "--range", "1mo", "--format", "csv", "-o", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("symbol,date,", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    // "must be a date as YYYY-MM-DD, not '2021-02-29'" left a user staring at a well-formed date: say it is no such day.
    [Theory]
    [InlineData("--start", "2021-02-29")]
    [InlineData("--end", "2024-04-31")]
    [InlineData("--start", "2024-13-01")]
    public async Task WellFormedDateThatIsNoDay_SaysSo(string option, string date)
    {
        string[] dates = option == "--start" ? ["--start", date] : ["--start", "2024-01-02", "--end", date];

        var run = await HistoryAsync(["AAPL", .. dates]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"quotefetch: {option} must be a date as YYYY-MM-DD, not '{date}' (there is no such day)",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Equal(0, Server.RequestCount);
    }

    // {symbol} as a directory (prices/AAPL/daily.csv) ended the run at the first symbol with exit 74: its directory
    // did not exist. The template's own directory must exist; the symbol's, inside it, is made.
    [Fact]
    public async Task OutputPerSymbol_WithTheSymbolAsADirectory_WritesEachInside()
    {
        using var folder = new TemporaryFolder();
        var template = Path.Combine(folder.Path, "{symbol}", "daily.csv");

        var run = await HistoryAsync("AAPL", "MSFT", "../X", "--range", "1mo", "-o", template);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["AAPL", "MSFT"],
            Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );
        Assert.StartsWith(
            "symbol,date,",
            File.ReadAllText(Path.Combine(folder.Path, "MSFT", "daily.csv")),
            StringComparison.Ordinal
        );
        Assert.Contains("not writing '../X'", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(folder.Path)!, "X")));
    }

    // With standard output piped and standard error a terminal, the bar runs while the batch streams. The lines said
    // to standard error meanwhile (--wide's failures, the only place they go; a per-symbol file refused) were written
    // into the bar's lines, and its next redraw overwrote them: the reasons were cut short or gone from the screen.
    [Theory]
    [InlineData("--wide")]
    [InlineData("-o")]
    public async Task LinesToStandardError_WhileTheBarRuns_StayReadableOnTheTerminal(string mode)
    {
        using var folder = new TemporaryFolder();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(
            new StringReader(""),
            output,
            error,
            IsOutputTerminal: false,
            IsInputRedirected: false,
            name => name == "TERM" ? "xterm-256color" : null
        )
        {
            IsErrorTerminal = true,
        };
        string[] target = mode == "--wide" ? ["--wide"] : ["-o", Path.Combine(folder.Path, "{symbol}.csv")];
        // The refused ones after a few round trips, so their lines come while the bar is drawn and has redraws to do.
        string[] symbols =
        [
            .. Enumerable.Range(1, 10).Select(i => $"S{i}"),
            "../X",
            "FB",
            .. Enumerable.Range(11, 20).Select(i => $"S{i}"),
            "NONEXIST",
        ];
        Server.Options.Latency = TimeSpan.FromMilliseconds(20);

        var exitCode = await QuoteFetchApp.RunAsync(
            [
                "history",
                "--base-url",
                Server.BaseAddress.ToString(),
                "--range",
                "1mo",
                "-c",
                "2",
                .. target,
                .. symbols,
            ],
            console
        );

        Assert.Equal(1, exitCode);
        var screen = TerminalScreen.Render(error.ToString(), width: 80);
        var expected =
            mode == "--wide"
                ? new[]
                {
                    "quotefetch: ../X: invalid-symbol: '../X' is not a valid symbol",
                    "quotefetch: FB: not-found: No data found, symbol may be delisted",
                    "quotefetch: NONEXIST: not-found: No data found, symbol may be delisted",
                }
                : ["quotefetch: not writing '../X': its file"];
        Assert.All(expected, line => Assert.Contains(screen, row => row.StartsWith(line, StringComparison.Ordinal)));
        Assert.DoesNotContain(screen, row => row.Contains("Fetching", StringComparison.Ordinal));
    }

    /// <summary>
    /// What a terminal of <c>width</c> columns shows after the text: enough of VT100 for Spectre.Console's live display
    /// (carriage return, line feed, cursor up, erase line or its end; colours and modes are ignored), lines wrapping at
    /// the width.
    /// </summary>
    private static class TerminalScreen
    {
        public static List<string> Render(string text, int width)
        {
            var rows = new List<System.Text.StringBuilder> { new() };
            int row = 0,
                column = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\u001b')
                {
                    var end = i + 1;
                    if (end < text.Length && text[end] == '[')
                    {
                        end++;
                        while (end < text.Length && !char.IsAsciiLetter(text[end]))
                        {
                            end++;
                        }
                    }
                    var parameters = text[(i + 2)..Math.Min(end, text.Length)];
                    var command = end < text.Length ? text[end] : ' ';
                    var count = int.TryParse(parameters, out var n) ? n : 1;
                    if (command == 'A')
                    {
                        row = Math.Max(0, row - count);
                    }
                    else if (command == 'K' && rows.Count > row)
                    {
                        // 2K erases the whole line, K from the cursor to its end.
                        rows[row].Length = parameters == "2" ? 0 : Math.Min(column, rows[row].Length);
                    }
                    i = end;
                    continue;
                }
                switch (c)
                {
                    case '\r':
                        column = 0;
                        break;
                    case '\n':
                        row++;
                        column = 0;
                        break;
                    default:
                        if (column == width)
                        {
                            row++;
                            column = 0;
                        }
                        while (rows.Count <= row)
                        {
                            rows.Add(new());
                        }
                        var line = rows[row];
                        while (line.Length < column)
                        {
                            line.Append(' ');
                        }
                        if (column < line.Length)
                        {
                            line[column] = c;
                        }
                        else
                        {
                            line.Append(c);
                        }
                        column++;
                        break;
                }
                while (rows.Count <= row)
                {
                    rows.Add(new());
                }
            }
            return rows.Select(line => line.ToString().Trim()).Where(line => line.Length > 0).ToList();
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("quotefetch-hostile-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
