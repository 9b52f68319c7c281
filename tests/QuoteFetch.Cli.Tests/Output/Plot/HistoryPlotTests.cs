using System.Buffers.Binary;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace QuoteFetch.Cli.Tests.Output.Plot;

public sealed class HistoryPlotTests : FakeYahooTestBase, IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly DateTimeOffset FirstDay = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("quotefetch-plot-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathFor(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>Daily bars from 2 January 2024, one per close given (null: a bar Yahoo sent without a close).</summary>
    private static PriceHistory History(string symbol, string? currency, params decimal?[] closes) =>
        new()
        {
            Symbol = symbol,
            Currency = currency,
            Bars = closes.Select((close, i) => new PriceBar { Time = FirstDay.AddDays(i), Close = close }).ToArray(),
        };

    private static (int Width, int Height) ReadPngHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        // The first chunk is IHDR: 4 bytes length, the type, then width and height as big-endian 32-bit integers.
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        return (
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)),
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4))
        );
    }

    /// <summary>Pixels in the rectangle that are clearly coloured (not white, grey or black): the lines, never text or grid.</summary>
    private static int ColouredPixels(SKBitmap bitmap, SKRectI area)
    {
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                var spread = Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                count += spread > 60 ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>Pixels in the rectangle that are dark grey or black: text.</summary>
    private static int DarkPixels(SKBitmap bitmap, SKRectI area)
    {
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += c.Red < 100 && c.Green < 100 && c.Blue < 100 ? 1 : 0;
            }
        }
        return count;
    }

    private static Scatter[] Lines(ScottPlot.Plot plot) => plot.GetPlottables<Scatter>().ToArray();

    [Fact]
    public void Save_DefaultSize_IsAPngOf1200By700()
    {
        var path = PathFor("aapl.png");

        var drawn = HistoryPlot.Save([History("AAPL", "USD", 100m, 101m, 99m)], path, "AAPL");

        Assert.Equal(1, drawn);
        Assert.Equal((1200, 700), ReadPngHeader(path));
        Assert.Equal((1200, 700), (HistoryPlot.DefaultWidth, HistoryPlot.DefaultHeight));
    }

    [Fact]
    public void Save_AskedSize_IsThatSize()
    {
        var path = PathFor("small.png");

        HistoryPlot.Save([History("AAPL", "USD", 100m, 101m)], path, "AAPL", width: 640, height: 360);

        Assert.Equal((640, 360), ReadPngHeader(path));
    }

    [Fact]
    public void Save_OneHistory_DrawsItsLineAndText()
    {
        var path = PathFor("line.png");
        var closes = Enumerable.Range(0, 60).Select(i => (decimal?)(100 + i % 7)).ToArray();

        HistoryPlot.Save([History("AAPL", "USD", closes)], path, "AAPL, 1 year");

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 700), (bitmap.Width, bitmap.Height));
        // The line: hundreds of coloured pixels inside the frame. Text: dark pixels in the title band, drawn with the
        // embedded font (a machine without fonts draws no text at all with the system's).
        Assert.True(ColouredPixels(bitmap, new SKRectI(100, 50, 1150, 650)) > 500);
        Assert.True(DarkPixels(bitmap, new SKRectI(400, 0, 800, 40)) > 50);
    }

    [Fact]
    public void Build_UsesTheEmbeddedFontForEveryLabel()
    {
        using var plot = HistoryPlot.Build([History("AAPL", "USD", 100m, 101m)], "AAPL");

        Assert.Equal(HistoryPlot.FontName, plot.Axes.Title.Label.FontName);
        Assert.Equal(HistoryPlot.FontName, plot.Axes.Left.Label.FontName);
        Assert.Equal(HistoryPlot.FontName, plot.Legend.FontName);
        var typeface = Fonts.GetTypeface(HistoryPlot.FontName, bold: true, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.IsBold);
        // The embedded Latin subset, not an installed DejaVu Sans (about 6,000 glyphs).
        Assert.InRange(typeface.GlyphCount, 100, 1000);
    }

    [Fact]
    public void Build_OneHistory_IsThePriceInItsCurrency()
    {
        using var plot = HistoryPlot.Build([History("VOD.L", "GBp", 71.5m, 72m, 70.25m)], "VOD.L");

        var line = Assert.Single(Lines(plot));
        Assert.Equal([71.5, 72, 70.25], line.Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal("VOD.L", line.LegendText);
        Assert.Contains("GBp", plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralHistories_EachIs100AtItsFirstClose()
    {
        using var plot = HistoryPlot.Build(
            [History("BRK-A", "USD", 600_000m, 660_000m), History("PENNY", "USD", 2m, 1m, 3m)],
            "BRK-A, PENNY"
        );

        var lines = Lines(plot);
        Assert.Equal(["BRK-A", "PENNY"], lines.Select(line => line.LegendText));
        Assert.Equal([100, 110], lines[0].Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal([100, 50, 150], lines[1].Data.GetScatterPoints().Select(point => point.Y));
        // One axis fits both: in prices it would span 1 to 660,000 and PENNY would be a flat line at the bottom.
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        Assert.InRange(limits.Bottom, 40, 50);
        Assert.InRange(limits.Top, 150, 160);
        Assert.Contains("100", plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NullCloses_AreSkippedNotZero_AndTheFirstCloseIsTheFirstThatExists()
    {
        using var plot = HistoryPlot.Build(
            [History("AAA", "USD", null, 50m, null, 75m), History("BBB", "USD", 10m, 20m)],
            "AAA, BBB"
        );

        var points = Lines(plot)[0].Data.GetScatterPoints();
        Assert.Equal([100, 150], points.Select(point => point.Y));
        Assert.Equal(
            [FirstDay.AddDays(1).DateTime.ToOADate(), FirstDay.AddDays(3).DateTime.ToOADate()],
            points.Select(point => point.X)
        );
    }

    [Fact]
    public void Build_XAxisIsDates_InTheExchangesCalendar()
    {
        // A Sydney daily bar starts at midnight there, 13:00 the day before in UTC: it is the 3rd on the axis.
        var sydney = TimeSpan.FromHours(11);
        var history = new PriceHistory
        {
            Symbol = "BHP.AX",
            Currency = "AUD",
            Bars = [new PriceBar { Time = new DateTimeOffset(2024, 1, 3, 0, 0, 0, sydney), Close = 45m }],
        };

        using var plot = HistoryPlot.Build([history], "BHP.AX");

        Assert.IsType<ScottPlot.AxisPanels.DateTimeXAxis>(plot.Axes.Bottom);
        var point = Assert.Single(Assert.Single(Lines(plot)).Data.GetScatterPoints());
        Assert.Equal(new DateTime(2024, 1, 3), DateTime.FromOADate(point.X));
    }

    [Fact]
    public void Build_DateTicks_AreIsoDates()
    {
        var closes = Enumerable.Range(0, 250).Select(i => (decimal?)(100 + i % 5)).ToArray();
        using var plot = HistoryPlot.Build([History("AAPL", "USD", closes)], "AAPL");

        plot.RenderInMemory(HistoryPlot.DefaultWidth, HistoryPlot.DefaultHeight);

        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label);
        Assert.NotEmpty(labels);
        Assert.All(labels, label => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", label));
    }

    [Fact]
    public void Build_UntrustedSymbolAndCurrency_AreCleanedForTheLegendAndLabel()
    {
        using var plot = HistoryPlot.Build([History("EVIL\u001b[31m\u202e", "US\u0007D", 1m, 2m)], "EVIL");

        Assert.Equal("EVIL[31m", Assert.Single(Lines(plot)).LegendText);
        Assert.Contains("USD", plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_HistoriesWithoutCloses_AreNotDrawn_AndNoneStillWritesThePicture()
    {
        var path = PathFor("empty.png");

        var drawn = HistoryPlot.Save(
            [History("EMPTY", "USD"), History("NULLS", "USD", null, null)],
            path,
            "EMPTY, NULLS",
            width: 800,
            height: 400
        );

        Assert.Equal(0, drawn);
        Assert.Equal((800, 400), ReadPngHeader(path));
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(0, ColouredPixels(bitmap, new SKRectI(0, 0, 800, 400)));
        Assert.True(DarkPixels(bitmap, new SKRectI(200, 120, 600, 280)) > 50, "the plot says there is no data");
    }

    [Fact]
    public void Save_SomeWithoutCloses_CountsOnlyTheDrawnOnes()
    {
        var drawn = HistoryPlot.Save(
            [History("EMPTY", "USD"), History("AAA", "USD", 1m, 2m), History("BBB", "EUR", 3m)],
            PathFor("some.png"),
            "EMPTY, AAA, BBB"
        );

        Assert.Equal(2, drawn);
    }

    [Fact]
    public void Save_DirectoryMissing_IsAnIOExceptionNamingThePath()
    {
        var path = Path.Combine(_directory.FullName, "missing", "plot.png");

        var error = Assert.ThrowsAny<IOException>(() => HistoryPlot.Save([History("AAPL", "USD", 1m)], path, "AAPL"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_PathIsADirectory_IsAnIOOrAccessError()
    {
        var error = Record.Exception(() => HistoryPlot.Save([History("AAPL", "USD", 1m)], _directory.FullName, "AAPL"));

        Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString());
    }

    [Fact]
    public void NativeLibraryMissing_AsSkiaSharpReportsIt_IsOnePlainLine()
    {
        // What the Native AOT binary throws when libSkiaSharp.so is not beside it: SkiaSharp's static constructor
        // fails to bind its first native call.
        var thrown = new TypeInitializationException(
            "SkiaSharp.SKTypeface",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies.")
        );

        var error = HistoryPlot.Unavailable(thrown);

        Assert.NotNull(error);
        Assert.Contains("libSkiaSharp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Same(thrown, error.InnerException);
        Assert.NotNull(HistoryPlot.Unavailable(new DllNotFoundException("libHarfBuzzSharp")));
        Assert.Null(HistoryPlot.Unavailable(new IOException("disk full")));
        Assert.Null(HistoryPlot.Unavailable(new TypeInitializationException("X", new InvalidOperationException())));
    }

    [Theory]
    [InlineData(0, 700)]
    [InlineData(1200, -1)]
    [InlineData(HistoryPlot.MaxSide + 1, 700)]
    public void Save_SizeOutOfRange_Throws(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HistoryPlot.Save([History("AAPL", "USD", 1m)], PathFor("x.png"), "AAPL", width, height)
        );
    }

    [Fact]
    public async Task Save_RecordedAaplAndASyntheticSymbol_FromTheFakeServer()
    {
        using var client = new QuoteClient(new QuoteClientOptions { BaseAddress = Server.BaseAddress });
        var request = new HistoryRequest { Start = new DateOnly(2020, 8, 31), End = new DateOnly(2020, 11, 6) };
        var results = await client.GetHistoryInOrderAsync(["AAPL", "MSFT"], request);
        var histories = results.Select(result => result.History!.Clean()).ToArray();
        var path = PathFor("aapl-msft.png");

        var drawn = HistoryPlot.Save(histories, path, "AAPL, MSFT");

        Assert.Equal(2, drawn);
        Assert.Equal((1200, 700), ReadPngHeader(path));
        using var plot = HistoryPlot.Build(histories, "AAPL, MSFT");
        var aapl = Lines(plot)[0].Data.GetScatterPoints();
        Assert.Equal(49, aapl.Count);
        Assert.Equal(100, aapl[0].Y);
    }
}
