using System.Globalization;
using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Commands;

/// <summary>
/// <c>quotefetch portfolio</c> end to end through the fake server: holdings read, priced with the FX pairs, valued
/// exactly, written. Expected amounts are computed by hand in the comments.
/// </summary>
public sealed class PortfolioCommandTests : FakeYahooTestBase, IDisposable
{
    // Rates the fake serves (tests/QuoteFetch.FakeYahoo/SyntheticChart.cs): GBPUSD=X 1.2634, CADUSD=X 0.7312,
    // ZARUSD=X 0.0551, USDILS=X 3.696858 (1 / 0.2705 to 6 places), USDGBP=X 0.791515; EURUSD=X is recorded at 1.0436.
    private const string Exact = """
        # every case of the issue's exact-maths list
        symbol,quantity,cost,currency
        AAPL,10,1800.00,
        OCDO.L,250,900.00,
        0P000071W8.TO,12.5,1750,
        WSU.DE,40,1500,
        TEVA.TA,30,1500,
        NPN.JO,2,8000,
        BTC-USD,0.015,900,
        NONEXIST,3,100,
        MSFT,2,,XYZ
        AAPL,5,950,
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("quotefetch-portfolio-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Holdings(string text, string name = "holdings.csv")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<CliRun> PortfolioAsync(string path, params string[] args) =>
        CliRun.RunAsync(["portfolio", path, "--base-url", Server.BaseAddress.ToString(), .. args]);

    private void ExactCaseFakes()
    {
        // An ILS position whose direct pair is unknown: the inverse USDILS=X prices it.
        Server.Options.UnknownSymbols["ILSUSD=X"] = 0;
        // A currency no pair prices, in any direction.
        Server.Options.UnknownSymbols["XYZUSD=X"] = 0;
        Server.Options.UnknownSymbols["USDXYZ=X"] = 0;
    }

    private static decimal Number(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetRawText(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Json_ExactMaths_HandComputed()
    {
        ExactCaseFakes();

        var run = await PortfolioAsync(Holdings(Exact), "--format", "json");

        Assert.Equal(1, run.ExitCode); // two positions are left out of the total
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("USD", root.GetProperty("baseCurrency").GetString());
        var positions = root.GetProperty("positions")
            .EnumerateArray()
            .ToDictionary(p => p.GetProperty("symbol").GetString()!);
        Assert.Equal(9, positions.Count);

        // AAPL: two rows, 10 + 5 = 15 at 220.003 = 3300.045 USD; cost 1800 + 950 = 2750; gain 550.045 (20.0016…%).
        var aapl = positions["AAPL"];
        Assert.Equal(15m, Number(aapl, "quantity"));
        Assert.Equal(3300.045m, Number(aapl, "value"));
        Assert.Equal(3300.045m, Number(aapl, "valueInBase"));
        Assert.Equal(2750m, Number(aapl, "cost"));
        Assert.Equal(550.045m, Number(aapl, "gain"));
        Assert.Equal(550.045m / 2750m * 100m, Number(aapl, "gainPercent"));
        Assert.Equal("[3,12]", aapl.GetProperty("lines").GetRawText().Replace("\n", "").Replace(" ", ""));

        // OCDO.L: 250 × 305.3 pence = 76325 p = 763.25 GBP; × 1.2634 = 964.29005 USD; cost 900: a loss of 136.75.
        var ocado = positions["OCDO.L"];
        Assert.Equal(305.3m, Number(ocado, "price"));
        Assert.Equal("GBp", ocado.GetProperty("currency").GetString());
        Assert.Equal(763.25m, Number(ocado, "value"));
        Assert.Equal("GBP", ocado.GetProperty("valueCurrency").GetString());
        Assert.Equal(1.2634m, Number(ocado, "fxRate"));
        Assert.Equal(964.29005m, Number(ocado, "valueInBase"));
        Assert.Equal(-136.75m, Number(ocado, "gain"));

        // 0P000071W8.TO: 12.5 × 153.9 = 1923.75 CAD; × 0.7312 = 1406.646 USD.
        Assert.Equal(1923.75m, Number(positions["0P000071W8.TO"], "value"));
        Assert.Equal(1406.646m, Number(positions["0P000071W8.TO"], "valueInBase"));

        // WSU.DE: 40 × 38.9 = 1556 EUR; × 1.0436 (EURUSD=X, recorded) = 1623.8416 USD.
        Assert.Equal(1623.8416m, Number(positions["WSU.DE"], "valueInBase"));

        // TEVA.TA: 30 × 5853 agorot = 1755.90 ILS; ILSUSD=X is unknown, so the rate is 1 / USDILS=X = 1 / 3.696858.
        var teva = positions["TEVA.TA"];
        Assert.Equal(1755.9m, Number(teva, "value"));
        Assert.Equal("ILS", teva.GetProperty("valueCurrency").GetString());
        Assert.Equal(1m / 3.696858m, Number(teva, "fxRate"));
        Assert.Equal(1755.9m * (1m / 3.696858m), Number(teva, "valueInBase"));
        Assert.Equal(474.97m, Math.Round(Number(teva, "valueInBase"), 2, MidpointRounding.ToEven));

        // NPN.JO: 2 × 412500 cents = 8250 ZAR; × 0.0551 = 454.575 USD.
        Assert.Equal(454.575m, Number(positions["NPN.JO"], "valueInBase"));

        // BTC-USD: 0.015 × 97208.17 = 1458.12255 USD; cost 900.
        Assert.Equal(1458.12255m, Number(positions["BTC-USD"], "valueInBase"));
        Assert.Equal(558.12255m, Number(positions["BTC-USD"], "gain"));

        // No price: not-found, nulls, left out.
        var missing = positions["NONEXIST"];
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("valueInBase").ValueKind);
        Assert.Equal("not-found", missing.GetProperty("error").GetProperty("kind").GetString());

        // No rate: valued in XYZ, not in USD, named in the error.
        var xyz = positions["MSFT"];
        Assert.Equal("XYZ", xyz.GetProperty("valueCurrency").GetString());
        Assert.Equal(JsonValueKind.Null, xyz.GetProperty("valueInBase").ValueKind);
        Assert.Contains(
            "XYZUSD=X",
            xyz.GetProperty("error").GetProperty("message").GetString(),
            StringComparison.Ordinal
        );

        var total = root.GetProperty("total");
        var expectedTotal =
            3300.045m + 964.29005m + 1406.646m + 1623.8416m + 1755.9m * (1m / 3.696858m) + 454.575m + 1458.12255m;
        Assert.Equal(expectedTotal, Number(total, "valueInBase"));
        Assert.Equal(9682.49m, Math.Round(Number(total, "valueInBase"), 2, MidpointRounding.ToEven));
        Assert.Equal(7, total.GetProperty("positions").GetInt32());
        Assert.Equal(
            ["NONEXIST", "MSFT"],
            total.GetProperty("excluded").EnumerateArray().Select(e => e.GetString()!).ToArray()
        );
        // Weight: value in base over the total, in percent.
        Assert.Equal(3300.045m / expectedTotal * 100m, Number(aapl, "weightPercent"));

        var ils = root.GetProperty("rates").EnumerateArray().Single(r => r.GetProperty("from").GetString() == "ILS");
        Assert.Equal("USDILS=X", ils.GetProperty("pair").GetString());
        Assert.True(ils.GetProperty("inverted").GetBoolean());
    }

    [Fact]
    public async Task Json_Shape_PinnedInExpectedFile()
    {
        ExactCaseFakes();

        var run = await PortfolioAsync(Holdings(Exact), "--format", "json");

        Assert.Equal(Golden.Read("portfolio.json"), run.Out);
    }

    [Fact]
    public async Task CrossThroughUsd_WhenNeitherDirectNorInversePrices()
    {
        Server.Options.UnknownSymbols["CADGBP=X"] = 0;
        Server.Options.UnknownSymbols["GBPCAD=X"] = 0;

        var run = await PortfolioAsync(
            Holdings("symbol,quantity\n0P000071W8.TO,12.5\n"),
            "--format",
            "json",
            "--base-currency",
            "gbp",
            "-v"
        );

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var position = json.RootElement.GetProperty("positions")[0];
        // CAD→USD 0.7312 (CADUSD=X) × USD→GBP 0.791515 (USDGBP=X) = 0.578755768; × 1923.75 CAD.
        Assert.Equal(0.578755768m, Number(position, "fxRate"));
        Assert.Equal(1923.75m * 0.578755768m, Number(position, "valueInBase"));
        var rate = json.RootElement.GetProperty("rates")[0];
        Assert.Equal("CADUSD=X * USDGBP=X", rate.GetProperty("pair").GetString());
        Assert.Equal("USD", rate.GetProperty("via").GetString());
        Assert.Contains(
            "quotefetch: CAD to GBP: 0.578755768 from CADUSD=X * USDGBP=X, a cross through USD",
            run.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task PenceInPounds_NeedNoRate()
    {
        var run = await PortfolioAsync(
            Holdings("quantity,symbol\n250,OCDO.L\n"),
            "--format",
            "csv",
            "--base-currency",
            "GBP"
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [PortfolioCsv.Header, "OCDO.L,250,305.30,GBp,763.25,GBP,1.000000,763.25,GBP,,,,100.00,,"],
            run.OutLines
        );
        Assert.Equal(0, Server.RequestsFor("GBPGBP=X"));
    }

    [Fact]
    public async Task OneBatch_WhenTheGuessedPairsPrice()
    {
        // Seven positions in six currencies: seven prices and five pairs to USD, one round, nothing asked twice.
        var run = await PortfolioAsync(Holdings(Exact.Replace("MSFT,2,,XYZ\n", "").Replace("NONEXIST,3,100,\n", "")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(7 + 5, Server.RequestCount);
        Assert.Equal(1, Server.RequestsFor("GBPUSD=X"));
    }

    [Fact]
    public async Task BadRows_ReportedWithFileAndLine_ValidRowsValued()
    {
        var path = Holdings(
            """
            symbol,quantity,cost,currency,note
            AAPL,10,,,ok
            ,5,,,no symbol
            AA PL,5,,,
            MSFT,ten,,,
            MSFT,-3,,,
            MSFT,1e-3,,,
            MSFT,"1,000",,,
            MSFT,1,000,5,USD,a note
            MSFT,,,,
            MSFT,1,2E2,,
            MSFT,1,,dollars,
            """,
            "bad.csv"
        );

        var run = await PortfolioAsync(path, "--format", "csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{path}:3: missing symbol",
                $"{path}:4: 'AA PL' is not a valid symbol: ' ' is not allowed (use letters, digits and . - ^ = &)",
                $"{path}:5: MSFT: quantity 'ten' is not a number",
                $"{path}:6: MSFT: quantity '-3' is negative (short positions are not supported)",
                $"{path}:7: MSFT: quantity '1e-3' is in exponent notation; write it as a plain decimal (0.001)",
                $"{path}:8: MSFT: quantity '1,000' has a thousands separator; write it without one (1000)",
                $"{path}:9: 6 fields, but the header has 5 (a comma inside a number? write 1000, not 1,000, or quote the field)",
                $"{path}:10: MSFT: missing quantity",
                $"{path}:11: MSFT: cost '2E2' is in exponent notation; write it as a plain decimal (200)",
                $"{path}:12: MSFT: currency 'dollars' is not a three-letter code (e.g. USD, or GBp for pence)",
            ],
            run.Error.Split('\n').Take(10)
        );
        Assert.Equal("AAPL", run.OutLines[1].Split(',')[0]);
    }

    [Fact]
    public async Task QuoteNeverClosed_ExitTwo_NamingTheLine()
    {
        var path = Holdings("symbol,quantity\nAAPL,1\n\"MSFT,2\nGOOG,3\n", "quote.csv");

        var run = await PortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"quotefetch: {path}:3: a quoted field never ends (", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task BadRows_ValidRowsStillValued_ExitOne()
    {
        var path = Holdings("symbol,quantity\nAAPL,10\nMSFT,-1\n", "some-bad.csv");

        var run = await PortfolioAsync(path, "--format", "csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"{path}:3: MSFT: quantity '-1' is negative (short positions are not supported)",
            run.Error.Split('\n')[0]
        );
        Assert.StartsWith("AAPL,10,220.003,USD,2200.03,", run.OutLines[1], StringComparison.Ordinal);
        Assert.Contains($"quotefetch: 1 bad row left out of {path}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_BadRow_ExitTwo_BeforeAnyRequest()
    {
        var path = Holdings("symbol,quantity\nAAPL,10\nMSFT,1e-3\n", "strict.csv");

        var run = await PortfolioAsync(path, "--strict");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            $"{path}:3: MSFT: quantity '1e-3' is in exponent notation; write it as a plain decimal (0.001)\n"
                + $"quotefetch: 1 bad row in {path}; nothing was fetched (fix them, or drop --strict to value the valid rows)\n",
            run.Error
        );
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task NoValidRows_ExitTwo()
    {
        var path = Holdings("# nothing usable\nsymbol,quantity\nMSFT,x\n", "none.csv");

        var run = await PortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith(
            $"quotefetch: {path} has no valid rows (each row needs a symbol and a quantity, under a header such as "
                + "symbol,quantity,cost)\n",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Equal(0, Server.RequestCount);
    }

    [Theory]
    [InlineData(
        "ticker,shares\nAAPL,1\n",
        ":1: the header must name the columns symbol and quantity, not 'ticker,shares'"
    )]
    [InlineData("symbol,quantity,Symbol\nAAPL,1,x\n", ":1: the header names the column 'symbol' twice")]
    [InlineData("# only a comment\n\n", " has no header (only blank or comment lines)")]
    [InlineData(
        "symbol;quantity\nAAPL;1\n",
        ":1: the header must name the columns symbol and quantity, not 'symbol;quantity' (the fields are separated by "
            + "commas; a spreadsheet saving with ';' or tabs needs CSV with commas)"
    )]
    public async Task BadHeader_ExitTwo_OneLine(string text, string expected)
    {
        var path = Holdings(text, "header.csv");

        var run = await PortfolioAsync(path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"quotefetch: {path}{expected}", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Stdin_Dash_ReadsStandardInput()
    {
        var run = await CliRun.RunAsync(
            ["portfolio", "-", "--base-url", Server.BaseAddress.ToString(), "--format", "ndjson"],
            stdin: "symbol,quantity\r\n\"AAPL\",2\r\n"
        );

        Assert.Equal(0, run.ExitCode);
        using var line = JsonDocument.Parse(Assert.Single(run.OutLines));
        Assert.Equal(440.006m, Number(line.RootElement, "valueInBase"));
        Assert.Equal("USD", line.RootElement.GetProperty("baseCurrency").GetString());
    }

    [Fact]
    public async Task Stdin_WithAByteOrderMark_AsSpreadsheetsWrite()
    {
        var run = await CliRun.RunAsync(
            ["portfolio", "-", "--base-url", Server.BaseAddress.ToString(), "--format", "csv"],
            stdin: "\uFEFFSymbol,Quantity\r\nAAPL,2\r\n"
        );

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("AAPL,2,220.003,USD,440.01,", run.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_BadRow_NamedStdin()
    {
        var run = await CliRun.RunAsync(
            ["portfolio", "-", "--base-url", Server.BaseAddress.ToString(), "--format", "csv"],
            stdin: "symbol,quantity\nAAPL,2\nMSFT,1 000\n"
        );

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(
            "<stdin>:3: MSFT: quantity '1 000' has a thousands separator; write it without one (1000)\n",
            run.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task DuplicateRows_SummedAndSaid()
    {
        var path = Holdings("symbol,quantity,cost\nAAPL,1.5,100\nMSFT,1,\naapl,0.25,50\n", "dupes.csv");

        var run = await PortfolioAsync(path, "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{path}:4: AAPL is also on line 2: added into one position\n", run.Error);
        // 1.75 × 220.003 = 385.00525 → 385.01; cost 150; gain 235.00525 → 235.01.
        Assert.StartsWith(
            "AAPL,1.75,220.003,USD,385.01,USD,1.000000,385.01,USD,150.00,235.01,156.67,",
            run.OutLines[1],
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData(
        new[] { "--base-currency", "dollars" },
        "quotefetch: --base-currency must be a three-letter currency code such as USD, not 'dollars'"
    )]
    [InlineData(
        new[] { "--base-currency", "GBp" },
        "quotefetch: --base-currency GBp is a minor unit (a hundredth of GBP); use GBP"
    )]
    [InlineData(
        new[] { "--sort", "size" },
        "quotefetch: --sort must be one of file, value, gain, weight, symbol, not 'size'"
    )]
    public async Task BadOption_ExitTwo_OneLine(string[] args, string expected)
    {
        var run = await PortfolioAsync(Holdings("symbol,quantity\nAAPL,1\n"), args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected + " (", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task Help_Works_AndNoFileIsAUsageError()
    {
        var help = await CliRun.RunAsync(["portfolio", "--help"]);
        var none = await CliRun.RunAsync(["portfolio", "--base-url", Server.BaseAddress.ToString()]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(
            "quotefetch portfolio holdings.csv --base-currency GBP --sort value",
            help.Out,
            StringComparison.Ordinal
        );
        Assert.Equal(2, none.ExitCode);
        Assert.Equal(
            "quotefetch: no holdings file given (quotefetch portfolio HOLDINGS.csv, or '-' to read standard input)\n",
            none.Error
        );
    }

    [Fact]
    public async Task BaseCurrency_FromEnvironment_AndItsErrorNamesIt()
    {
        var path = Holdings("symbol,quantity\nWSU.DE,40\n");
        string[] args = ["portfolio", path, "--base-url", Server.BaseAddress.ToString(), "--format", "json"];

        var run = await CliRun.RunAsync(
            args,
            environment: new Dictionary<string, string> { ["QUOTEFETCH_BASE_CURRENCY"] = "eur" }
        );
        var bad = await CliRun.RunAsync(
            args,
            environment: new Dictionary<string, string> { ["QUOTEFETCH_BASE_CURRENCY"] = "euro" }
        );

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("EUR", json.RootElement.GetProperty("baseCurrency").GetString());
        Assert.Equal(1556m, Number(json.RootElement.GetProperty("total"), "valueInBase"));
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith(
            "quotefetch: QUOTEFETCH_BASE_CURRENCY must be a three-letter currency code such as USD, not 'euro'",
            bad.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task SampleFile_Table_AsInTheReadme()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "holdings.csv");

        var run = await PortfolioAsync(sample, "--format", "table");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Golden.Read("portfolio-table.txt"), run.Out);
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains(run.Out, readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_Colours_OnlyOnATerminal_AndNotWithNoColor()
    {
        var path = Holdings("symbol,quantity,cost\nOCDO.L,250,900\nAAPL,1,100\n");
        string[] args = ["portfolio", path, "--base-url", Server.BaseAddress.ToString()];

        var terminal = await CliRun.RunAsync(args, terminal: true);
        var noColor = await CliRun.RunAsync(
            args,
            terminal: true,
            environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" }
        );
        var piped = await CliRun.RunAsync([.. args, "--format", "table"]);

        Assert.Contains("\u001b[91m", terminal.Out, StringComparison.Ordinal); // OCDO.L's loss
        Assert.Contains("\u001b[32m", terminal.Out, StringComparison.Ordinal); // AAPL's gain
        Assert.DoesNotContain('\u001b', noColor.Out);
        Assert.DoesNotContain('\u001b', piped.Out);
    }

    [Fact]
    public async Task HostileCurrency_ShownAsPlainText()
    {
        // JSON text: an ANSI colour escape and a BEL in meta.currency.
        Server.Options.CurrencyBySymbol["EVIL"] = @"\u001b[31mX\u0007";
        var path = Holdings("symbol,quantity\nEVIL,1\n");

        var table = await PortfolioAsync(path, "--format", "table");
        var verbose = await PortfolioAsync(path, "--format", "csv", "-v");

        Assert.Equal(1, table.ExitCode);
        Assert.DoesNotContain('\u001b', table.Out);
        Assert.DoesNotContain('\u0007', table.Out);
        Assert.DoesNotContain('\u001b', verbose.Error);
        Assert.DoesNotContain('\u001b', verbose.Out);
    }

    [Fact]
    public async Task Table_TotalLine_NamesWhatItLeavesOut()
    {
        ExactCaseFakes();

        var run = await PortfolioAsync(Holdings(Exact), "--format", "table");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "\nTotal USD: 9,682.49, cost 8,478.61, gain 1,203.88 (14.20 %) over 7 of 9 positions; leaves out 2 "
                + "without a price or rate: NONEXIST, MSFT\n",
            run.Out,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Rate ILS→USD 0.270500 from USDILS=X (inverted), 2025-11-24 21:00 UTC\n",
            run.Out,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("value", new[] { "WSU.DE", "OCDO.L", "AAPL" })]
    [InlineData("gain", new[] { "AAPL", "WSU.DE", "OCDO.L" })]
    [InlineData("symbol", new[] { "AAPL", "OCDO.L", "WSU.DE" })]
    [InlineData("file", new[] { "OCDO.L", "AAPL", "WSU.DE" })]
    public async Task Sort_OrdersPositions(string sort, string[] expected)
    {
        // In USD: OCDO.L 964.29 (loss 136.75 GBP), AAPL 220.003 (gain 20.003), WSU.DE 1623.84 (gain 6 EUR = 6.26 USD).
        var path = Holdings("symbol,quantity,cost\nOCDO.L,250,900\nAAPL,1,200\nWSU.DE,40,1550\n");

        var run = await PortfolioAsync(path, "--format", "csv", "--sort", sort);

        Assert.Equal(expected, run.OutLines.Skip(1).Select(line => line.Split(',')[0]));
    }

    [Fact]
    public async Task EveryPositionFailedAlike_SaidOnce()
    {
        Server.Options.FaultForAll = FakeYahoo.FakeFault.Raw(503, "down"u8.ToArray(), "text/plain");
        var path = Holdings("symbol,quantity\nAAPL,1\nMSFT,2\n");

        var run = await PortfolioAsync(path, "--format", "csv", "--retries", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.OutLines.Length);
        Assert.Contains("quotefetch: all 2 symbols failed with http: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plot_WritesAPngOfTheWeights()
    {
        var png = Path.Combine(_directory, "weights.png");
        var sample = Path.Combine(RepositoryRoot(), "samples", "holdings.csv");

        var run = await PortfolioAsync(sample, "--format", "csv", "--plot", png);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public async Task Plot_NotAPng_Exit2_BeforeAnyRequest()
    {
        var path = Holdings("symbol,quantity\nAAPL,1\n");

        var run = await PortfolioAsync(path, "--plot", "weights.jpg");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: --plot must name a .png file, not 'weights.jpg'",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public void PlotBuild_OneBarPerValuedPosition_LargestOnTop()
    {
        var valuation = new PortfolioValuation
        {
            BaseCurrency = "USD",
            Positions =
            [
                new PositionValue
                {
                    Symbol = "SMALL",
                    Quantity = 1,
                    WeightPercent = 25m,
                },
                new PositionValue
                {
                    Symbol = "BIG",
                    Quantity = 1,
                    WeightPercent = 75m,
                },
                new PositionValue { Symbol = "NONE", Quantity = 1 },
            ],
            Total = new PortfolioTotal
            {
                ValueInBase = 4m,
                Positions = 2,
                Excluded = ["NONE"],
            },
            Rates = [],
            ValueByCurrency = new Dictionary<string, decimal>(),
        };

        using var plot = PortfolioPlot.Build(valuation);

        var bars = Assert.Single(plot.GetPlottables<ScottPlot.Plottables.BarPlot>()).Bars;
        Assert.Equal([25.0, 75.0], bars.Select(bar => bar.Value));
    }

    [Fact]
    public async Task TwoThousandPositions_EachExactlyOnce()
    {
        var symbols = Enumerable.Range(0, 2000).Select(i => $"S{i:D4}").ToArray();
        var path = Holdings("symbol,quantity\n" + string.Concat(symbols.Select(s => $"{s},1\n")), "big.csv");

        var run = await PortfolioAsync(path, "--format", "ndjson", "-c", "64");

        Assert.Equal(0, run.ExitCode);
        var seen = run
            .OutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("symbol").GetString())
            .ToArray();
        Assert.Equal(symbols, seen);
        Assert.Equal(2000, Server.RequestCount); // all USD: no pair asked
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "README.md")))
        {
            directory = directory.Parent!;
        }
        return directory.FullName;
    }
}
