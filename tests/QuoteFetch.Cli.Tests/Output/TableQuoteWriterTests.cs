using System.Globalization;
using System.Runtime.CompilerServices;

namespace QuoteFetch.Cli.Tests.Output;

public sealed class TableQuoteWriterTests
{
    private static readonly DateTimeOffset MarketTime = new(2025, 3, 24, 13, 51, 33, TimeSpan.Zero);

    private static QuoteResult Priced(string symbol, decimal price, string exchange, int? priceHint = null) =>
        QuoteResult.Success(
            symbol,
            new Quote
            {
                Symbol = symbol,
                Price = price,
                Currency = "USD",
                Exchange = exchange,
                InstrumentType = "EQUITY",
                MarketTime = MarketTime,
                PreviousClose = price,
                PriceHint = priceHint,
            }
        );

    private static QuoteResult[] Sample() =>
        [
            Priced("AAPL", 220.003m, "NMS"),
            QuoteResult.Failure("FB", QuoteErrorKind.NotFound, "No data found, symbol may be delisted"),
            Priced("EURUSD=X", 1.04356m, "CCY\u202E\u001b[31m", priceHint: 4),
        ];

    private static async IAsyncEnumerable<QuoteResult> AsAsync(
        IEnumerable<QuoteResult> results,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }
        await Task.CompletedTask;
    }

    private static async Task<string> WriteAsync(TableQuoteWriter writer, IEnumerable<QuoteResult> results)
    {
        using var output = new StringWriter();
        await writer.WriteAsync(AsAsync(results), output);
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_Sample_MatchesTheGoldenText()
    {
        var text = await WriteAsync(new TableQuoteWriter(null, colors: false, width: 240, plainAbove: 0), Sample());

        // Reviewed by hand: Spectre's rounded table, with the bidi override and ESC removed from EURUSD=X's exchange.
        Assert.Equal(Golden.Read("table-plain.txt"), TrimLineEnds(text));
    }

    [Fact]
    public async Task Plain_NarrowerThanTheTable_WrapsTheErrorColumnOnly()
    {
        var text = await WriteAsync(new TableQuoteWriter(null, colors: false, width: 80, plainAbove: 0), Sample());

        Assert.Equal(Golden.Read("table-plain-80.txt"), TrimLineEnds(text));
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.InRange(line.Length, 1, 80));
    }

    [Theory]
    [InlineData(240, false)]
    [InlineData(103, false)] // exactly wide enough
    [InlineData(240, true)]
    public async Task Plain_TableThatFits_LooksLikeTheSpectreTable(int width, bool colors)
    {
        var plain = await WriteAsync(new TableQuoteWriter(null, colors, width, plainAbove: 0), Sample());
        var spectre = await WriteAsync(new TableQuoteWriter(null, colors, width, plainAbove: int.MaxValue), Sample());

        Assert.Equal(spectre, plain);
    }

    [Fact]
    public async Task Plain_EastAsianWideCharactersAndEmoji_KeepTheColumnsAligned()
    {
        QuoteResult[] rows =
        [
            Priced("7203.T", 2500m, "東京証券取引所"),
            Priced("BTC-USD", 97000m, "📈 Crypto"),
            Priced("AAPL", 220m, "NMS"),
            QuoteResult.Failure("FB", QuoteErrorKind.NotFound, "見つかりません 🚫"),
        ];

        var text = await WriteAsync(new TableQuoteWriter(null, colors: false, width: 240, plainAbove: 0), rows);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ruleColumns = lines.Take(lines.Length - 1).Select(RuleColumns).Distinct(new SequenceComparer()).ToArray();
        Assert.Single(ruleColumns);
        Assert.Equal(7, ruleColumns[0].Length);
    }

    [Fact]
    public async Task TenThousandRows_AreRenderedPlainly_WithinThirtyMegabytesOfAllocations()
    {
        var rows = Enumerable
            .Range(0, 10_000)
            .Select(i =>
                i % 50 == 0
                    ? QuoteResult.Failure($"S{i:D5}", QuoteErrorKind.NotFound, "No data found, symbol may be delisted")
                    : Priced($"S{i:D5}", 1000m + i, i % 3 == 0 ? "NYQ" : "NMS")
            )
            .ToArray();
        var writer = new TableQuoteWriter(null, colors: true, width: 240);

        // The source and a StringWriter complete synchronously, so the whole write runs on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = await WriteAsync(writer, rows);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("9800 priced, 200 without a price", text, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 30L * 1024 * 1024);
    }

    [Fact]
    public async Task Plain_Colors_BoldSymbolAndRedError_AsTheSpectreTable()
    {
        var text = await WriteAsync(new TableQuoteWriter(null, colors: true, width: 240, plainAbove: 0), Sample());

        Assert.Contains("\u001b[1mAAPL\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains(
            "\u001b[91mnot-found: No data found, symbol may be delisted\u001b[0m",
            text,
            StringComparison.Ordinal
        );
    }

    // Editors trim the golden files' trailing spaces (the centred caption's padding).
    private static string TrimLineEnds(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));

    // The display column of each vertical rule (│ ┬ ┼ ┴ and the corners) in a line, counting wide characters as two.
    private static int[] RuleColumns(string line)
    {
        var columns = new List<int>();
        var column = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if ("│┬┼┴╭╮├┤╰╯".Contains(rune.ToString(), StringComparison.Ordinal))
            {
                columns.Add(column);
            }
            column += rune.Value >= 0x1100 && (rune.Value is >= 0x3000 and <= 0x9FFF or >= 0x1F300) ? 2 : 1;
        }
        return [.. columns];
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj) => obj.Length;
    }
}
