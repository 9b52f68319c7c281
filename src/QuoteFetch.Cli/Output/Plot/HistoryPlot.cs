using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace QuoteFetch.Cli;

/// <summary>
/// Draws price histories as a PNG: the close, one line per symbol, with a date axis, a legend of symbols and a title.
/// One symbol is drawn in its price, in its currency as sent (<c>GBp</c> stays pence); two or more are each
/// normalised to 100 at their first close, so a 600,000 USD share and a 2 USD share share one axis.
/// </summary>
/// <remarks>
/// <para>
/// Bars without a close (Yahoo's <c>null</c>) are skipped: the line joins the closes on either side, it never dips to
/// 0. A history without a single close is not drawn and not in the legend. The x axis is each exchange's own calendar
/// (a Sydney daily bar is on its Sydney date, as in the CSV); intraday bars of exchanges in different zones therefore
/// line up by local clock time, not by instant.
/// </para>
/// <para>
/// Text is drawn with a font embedded in the program (a Latin subset of DejaVu Sans, see Fonts/README.md), not the
/// machine's: SkiaSharp's dependency-free Linux build draws no text at all where no font is installed.
/// </para>
/// </remarks>
internal static class HistoryPlot
{
    public const int DefaultWidth = 1200,
        DefaultHeight = 700;

    /// <summary>The largest width or height: 4096 × 4096 pixels take 64 MiB to draw.</summary>
    public const int MaxSide = 4096;

    /// <summary>The family name the embedded font answers to (<see cref="EmbeddedFontResolver"/>).</summary>
    internal const string FontName = EmbeddedFontResolver.FamilyName;

    // Drawn at 1200 × 700 these stay readable; a few hundred closes or fewer get a dot on each, so one bar still shows.
    private const float TitleSize = 22,
        LabelSize = 16,
        TickSize = 13,
        LineWidth = 2;
    private const int MarkersUpTo = 60;

    /// <summary>
    /// Draws the closes of every history that has at least one and writes the picture to <paramref name="path"/> as a
    /// PNG of <paramref name="width"/> × <paramref name="height"/> pixels, replacing any file there.
    /// When no history has a close, the picture is still written and says so in its middle ("no closes to draw"),
    /// so a path the user named never keeps an older, misleading picture; the return value (0) tells the caller.
    /// </summary>
    /// <param name="histories">The histories, drawn in this order (the legend's order, and the colours').</param>
    /// <param name="path">Where the PNG goes; its folder must exist.</param>
    /// <param name="title">The picture's title, as the caller words it (cleaned of control characters).</param>
    /// <param name="width">Width in pixels, 1 to <see cref="MaxSide"/>.</param>
    /// <param name="height">Height in pixels, 1 to <see cref="MaxSide"/>.</param>
    /// <returns>How many lines were drawn: the histories with at least one close.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 1 to <see cref="MaxSide"/>.</exception>
    /// <exception cref="IOException">The file cannot be written (its folder is missing, the disk is full...); the message names the path.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written, or the path is a folder.</exception>
    /// <exception cref="PlatformNotSupportedException">
    /// This build cannot draw: SkiaSharp's native libraries are missing (see <see cref="Unavailable"/>). The message
    /// is one plain line; nothing was written.
    /// </exception>
    public static int Save(
        IReadOnlyList<PriceHistory> histories,
        string path,
        string title,
        int width = DefaultWidth,
        int height = DefaultHeight
    )
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        byte[] png;
        int lines;
        try
        {
            using var plot = Build(histories, title);
            png = plot.GetImageBytes(width, height, ImageFormat.Png);
            lines = plot.GetPlottables<Scatter>().Count();
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
        // Encoded in memory and written by File, not by ScottPlot's SavePng: the file errors are the framework's
        // plain IOException / UnauthorizedAccessException naming the path, whatever the plotting library does.
        File.WriteAllBytes(path, png);
        return lines;
    }

    /// <summary>
    /// The one-line error for a build that cannot draw because SkiaSharp's native libraries (libSkiaSharp,
    /// libHarfBuzzSharp) are not found, e.g. a Native AOT binary copied without the .so files published beside it;
    /// null for any other exception. SkiaSharp reports the missing library as a <see cref="DllNotFoundException"/>,
    /// wrapped in a <see cref="TypeInitializationException"/> when a static constructor makes the first native call.
    /// </summary>
    internal static PlatformNotSupportedException? Unavailable(Exception thrown)
    {
        var cause = thrown;
        while (cause is TypeInitializationException { InnerException: { } inner })
        {
            cause = inner;
        }
        return cause is DllNotFoundException
            ? new PlatformNotSupportedException(
                "cannot draw a PNG: SkiaSharp's native libraries (libSkiaSharp.so, libHarfBuzzSharp.so) were not found "
                    + "beside the quotefetch program; keep the files `dotnet publish` puts beside it",
                thrown
            )
            : null;
    }

    /// <summary>The plot <see cref="Save"/> draws, before it is drawn: its lines, axes and labels can be inspected.</summary>
    internal static Plot Build(IReadOnlyList<PriceHistory> histories, string title)
    {
        // Here, not in a static constructor: without libSkiaSharp a static constructor's failure would surface at
        // the first call as a TypeInitializationException of this class, before Save could say what is missing.
        EmbeddedFontResolver.Register();
        var plot = new Plot();
        var series = new List<(string Symbol, double[] Dates, double[] Closes)>(histories.Count);
        foreach (var history in histories)
        {
            var (dates, closes) = Closes(history);
            if (closes.Length > 0)
            {
                series.Add((UntrustedText.ForTerminal(history.Symbol), dates, closes));
            }
        }
        var normalised = series.Count > 1;
        foreach (var (symbol, dates, closes) in series)
        {
            if (normalised)
            {
                NormaliseTo100(closes);
            }
            var line = plot.Add.Scatter(dates, closes);
            line.LegendText = symbol;
            line.LineWidth = LineWidth;
            line.MarkerSize = closes.Length <= MarkersUpTo ? 5 : 0;
        }

        var dateAxis = plot.Axes.DateTimeTicksBottom();
        if (dateAxis.TickGenerator is DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = DateLabel;
        }
        plot.Title(UntrustedText.ForTerminal(title), TitleSize);
        plot.YLabel(YLabel(series.Count, histories), LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        if (series.Count == 0)
        {
            // Axes around nothing would show 1899 dates and made-up prices.
            plot.HideAxesAndGrid();
            var empty = plot.Add.Annotation("no closes to draw", Alignment.MiddleCenter);
            empty.LabelStyle.FontSize = LabelSize * 1.5f;
            empty.LabelStyle.BackgroundColor = Colors.White;
            empty.LabelStyle.BorderColor = Colors.Transparent;
            empty.LabelStyle.ShadowColor = Colors.Transparent;
        }
        else
        {
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Legend.FontSize = LabelSize;
            // The legend would otherwise pick a font per render from the machine's fonts, for glyphs ours may lack.
            plot.Legend.SetBestFontOnEachRender = false;
        }
        // Last, so every label made above, the annotation's too, takes the embedded font.
        plot.Font.Set(FontName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        plot.Legend.FontName = FontName;
        return plot;
    }

    /// <summary>The bars that have a close, as OLE dates on the exchange's clock and closes in double for drawing.</summary>
    private static (double[] Dates, double[] Closes) Closes(PriceHistory history)
    {
        var dates = new List<double>(history.Bars.Count);
        var closes = new List<double>(history.Bars.Count);
        foreach (var bar in history.Bars)
        {
            if (bar.Close is { } close)
            {
                // DateTimeOffset.DateTime is the clock time at the bar's own offset: the exchange's date.
                dates.Add(bar.Time.DateTime.ToOADate());
                closes.Add((double)close);
            }
        }
        return (dates.ToArray(), closes.ToArray());
    }

    /// <summary>
    /// Scales the closes so the first non-zero one is 100. A zero close cannot be a base (a price that fell to 0 and
    /// came back); closes before the base stay 0 and a history of zeros stays zeros.
    /// </summary>
    private static void NormaliseTo100(double[] closes)
    {
        var first = Array.FindIndex(closes, close => close != 0);
        if (first < 0)
        {
            return;
        }
        var scale = 100 / closes[first];
        for (var i = 0; i < closes.Length; i++)
        {
            closes[i] *= scale;
        }
    }

    /// <summary>
    /// ISO dates as in the CSV, not the invariant culture's month/day/year; the clock time only on intraday ticks.
    /// </summary>
    private static string DateLabel(DateTime tick) =>
        tick.TimeOfDay == TimeSpan.Zero
            ? tick.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : tick.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string YLabel(int lines, IReadOnlyList<PriceHistory> histories)
    {
        if (lines > 1)
        {
            return "Close, first close = 100";
        }
        var drawn = histories.FirstOrDefault(history => history.Bars.Any(bar => bar.Close is not null));
        var currency = UntrustedText.ForTerminal(drawn?.Currency);
        return currency.Length == 0 ? "Close" : $"Close ({currency})";
    }
}
