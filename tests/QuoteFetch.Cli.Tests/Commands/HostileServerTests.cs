using System.Globalization;
using System.Text;
using System.Text.Json;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>Issue 8, part A: one server mixes healthy symbols with every hostile answer; no answer ends the batch.</summary>
public sealed class HostileServerTests : FakeYahooTestBase
{
    private static readonly string[] Healthy = ["AAPL", "MSFT", "GOOG"];

    // What each hostile answer must become: that symbol's own error, never the batch's end.
    private static readonly Dictionary<string, string> ExpectedKind = new()
    {
        ["HXGZIP"] = "bad-response",
        ["HXDEFLATE"] = "bad-response",
        ["HXBR"] = "bad-response",
        ["HXUTFEXCH"] = "bad-response",
        ["HXUTFCUR"] = "bad-response",
        // Yahoo's own "Not Found" code is readable; only its description is dropped.
        ["HXUTF404"] = "not-found",
        ["HXTIME"] = "bad-response",
        ["HXRETRY"] = "rate-limited",
        ["HXJS"] = "http",
        ["HXDATA"] = "http",
        ["HXUNIX"] = "http",
        ["HXFILE"] = "http",
        ["HXFILEHOST"] = "http",
    };

    private static byte[] Chart(string meta) =>
        Encoding.UTF8.GetBytes("""{"chart":{"result":[{"meta":{""" + meta + """}}],"error":null}}""");

    // Two bytes that are never UTF-8 (0xFF, 0xFE) inside a JSON string.
    private static byte[] WithInvalidUtf8(string before, string after) =>
        [.. Encoding.UTF8.GetBytes(before), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(after)];

    private static readonly Dictionary<string, FakeFault> Hostile = new()
    {
        ["HXGZIP"] = BadEncoding("gzip"),
        ["HXDEFLATE"] = BadEncoding("deflate"),
        ["HXBR"] = BadEncoding("br"),
        ["HXUTFEXCH"] = FakeFault.Raw(
            200,
            WithInvalidUtf8(
                """{"chart":{"result":[{"meta":{"currency":"USD","regularMarketPrice":1.5,"exchangeName":"N""",
                "\"}}],\"error\":null}}"
            )
        ),
        ["HXUTFCUR"] = FakeFault.Raw(
            200,
            WithInvalidUtf8(
                """{"chart":{"result":[{"meta":{"regularMarketPrice":1.5,"currency":"U""",
                "\"}}],\"error\":null}}"
            )
        ),
        ["HXUTF404"] = FakeFault.Raw(
            404,
            WithInvalidUtf8("""{"chart":{"result":null,"error":{"code":"Not Found","description":"gone""", "\"}}}")
        ),
        ["HXTIME"] = FakeFault.Raw(
            200,
            Chart("\"currency\":\"USD\",\"regularMarketPrice\":1.5,\"regularMarketTime\":1000000000000000")
        ),
        ["HXRETRY"] = FakeFault.TooManyRequests(retryAfter: "Fri, 01 Jan 2100 00:00:00 GMT"),
        ["HXJS"] = FakeFault.Redirect("javascript:alert(1)"),
        ["HXDATA"] = FakeFault.Redirect("data:text/plain,hello"),
        ["HXUNIX"] = FakeFault.Redirect("unix:/var/run/docker.sock"),
        ["HXFILE"] = FakeFault.Redirect("file:///etc/passwd"),
        ["HXFILEHOST"] = FakeFault.Redirect("file://localhost/x"),
    };

    private static FakeFault BadEncoding(string encoding) =>
        FakeFault.Raw(
            200,
            Chart("\"currency\":\"USD\",\"regularMarketPrice\":1.5"),
            headers: new Dictionary<string, string> { ["Content-Encoding"] = encoding }
        );

    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("ndjson")]
    public async Task HealthyAndHostileSymbols_EveryFormat_PrintsEverySymbolOnceAndExitsOne(string format)
    {
        foreach (var (symbol, fault) in Hostile)
        {
            Server.Options.Faults[symbol] = fault;
        }
        // Hostile symbols between healthy ones, so a batch that died early would lose healthy results too.
        string[] symbols = [Healthy[0], .. Hostile.Keys.Take(6), Healthy[1], .. Hostile.Keys.Skip(6), Healthy[2]];

        var run = await RunAsync(["--format", format, "--retries", "0", "-c", "4", .. symbols]);

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        var rows = Rows(format, run.Out, symbols);
        Assert.Equal(
            symbols.Order(StringComparer.Ordinal),
            rows.Select(row => row.Symbol).Order(StringComparer.Ordinal)
        );
        Assert.All(
            rows.Where(row => Healthy.Contains(row.Symbol)),
            row => Assert.Equal((Price(format, row.Symbol), (string?)null), (row.Price, row.Kind))
        );
        Assert.All(
            rows.Where(row => Hostile.ContainsKey(row.Symbol)),
            row => Assert.Equal(ExpectedKind[row.Symbol], row.Kind)
        );
    }

    [Fact]
    public async Task LongBatchPause_IsAWarningOnStandardErrorWithoutVerbose()
    {
        Server.Options.Faults["SLOWDOWN"] = FakeFault.TooManyRequests(retryAfter: "5");

        var run = await RunAsync("--retries", "0", "SLOWDOWN");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Contains("pausing every request for 5 s", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Making request", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterPastTheCap_IsRateLimitedNamingTheWait()
    {
        Server.Options.Faults["LATER"] = FakeFault.TooManyRequests(retryAfter: "3600");

        var run = await RunAsync("--format", "csv", "LATER", "AAPL");

        Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
        Assert.Equal(
            "LATER,,,,,rate-limited,\"HTTP 429: the source asked to wait 3600 s (Retry-After), more than the 30 s cap\"",
            run.OutLines[1]
        );
        Assert.Equal(1, Server.RequestsFor("LATER"));
    }

    [Fact]
    public async Task UnreachableSource_ReportsEverySymbolSaysItOnceAndExits69()
    {
        var address = Server.BaseAddress.ToString();
        await Server.StopAsync();
        var symbols = Enumerable.Range(0, 120).Select(i => $"U{i:000}").ToArray();

        var run = await CliRun.RunAsync(["--base-url", address, "--format", "csv", "--retries", "0", .. symbols]);

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Equal(symbols, run.OutLines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.All(run.OutLines.Skip(1), line => Assert.Contains(",network,", line, StringComparison.Ordinal));
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unreachable", run.Error, StringComparison.Ordinal);
        Assert.Contains("refused", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verbose_RetryLines_SayWhatHappenedInWords()
    {
        Server.Options.Faults["SLOW"] = FakeFault.Delay(TimeSpan.FromSeconds(60), times: 1);
        Server.Options.Faults["RESET"] = FakeFault.ResetConnection(times: 1);

        // A timeout with room to spare for the second, healthy attempt on a loaded machine.
        var run = await RunAsync("-v", "--timeout", "2", "--retries", "1", "SLOW", "RESET");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"Retrying SLOW \(attempt 2 of 2\) after a 2 s timeout, waiting \d+(\.\d+)? s", run.Error);
        Assert.Matches(@"Retrying RESET \(attempt 2 of 2\) after .+, waiting \d+(\.\d+)? s", run.Error);
        Assert.DoesNotContain("TimeoutRejected", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpRequest:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", run.Error, StringComparison.Ordinal);
    }

    // The price as each format prints it: exact in JSON, to 2 decimals (half-to-even) in table and CSV.
    private static string Price(string format, string symbol)
    {
        var exact = symbol == "AAPL" ? "220.003" : FakeYahooServer.SyntheticPriceText(symbol);
        var value = decimal.Parse(exact, NumberStyles.Float, CultureInfo.InvariantCulture);
        return format is "json" or "ndjson"
            ? value.ToString(CultureInfo.InvariantCulture)
            : decimal.Round(value, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private sealed record Row(string Symbol, string? Price, string? Kind);

    private static List<Row> Rows(string format, string output, string[] symbols) =>
        format switch
        {
            "json" => [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(FromJson)],
            "ndjson" =>
            [
                .. output
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => FromJson(JsonDocument.Parse(line).RootElement)),
            ],
            "csv" => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(FromCsv)],
            _ => FromTable(output, symbols),
        };

    private static Row FromJson(JsonElement item) =>
        new(
            item.GetProperty("symbol").GetString()!,
            item.GetProperty("price").ValueKind == JsonValueKind.Number ? item.GetProperty("price").GetRawText() : null,
            item.GetProperty("error").ValueKind == JsonValueKind.Object
                ? item.GetProperty("error").GetProperty("kind").GetString()
                : null
        );

    private static Row FromCsv(string line)
    {
        var fields = CsvFields(line);
        return new Row(fields[0], fields[1].Length > 0 ? fields[1] : null, fields[5].Length > 0 ? fields[5] : null);
    }

    // RFC 4180 fields of one line (no field here spans lines: the writer replaces line breaks).
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    // A table row starts with its symbol as the first word; a wrapped message continues on lines that do not.
    private static List<Row> FromTable(string output, string[] symbols) =>
        [
            .. output
                .Split('\n')
                .Select(line => line.Split(' ', '│', '|').Where(word => word.Length > 0).ToArray())
                .Where(words => words.Length > 0 && symbols.Contains(words[0]))
                .Select(words => new Row(
                    words[0],
                    words.Length > 1 && decimal.TryParse(words[1], CultureInfo.InvariantCulture, out _)
                        ? words[1]
                        : null,
                    words.Select(word => word.TrimEnd(':')).FirstOrDefault(word => KnownKinds.Contains(word))
                )),
        ];

    private static readonly string[] KnownKinds =
    [
        "invalid-symbol",
        "not-found",
        "rate-limited",
        "http",
        "network",
        "timeout",
        "bad-response",
        "cancelled",
    ];
}
