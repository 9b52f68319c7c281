using ScottPlot;

namespace QuoteFetch.Cli;

/// <summary>
/// <c>portfolio --plot PATH.png</c>: the weights as horizontal bars, largest on top, at most <see cref="MaxBars"/> of
/// them (the rest as one "other" bar); drawn with the embedded font, as <see cref="HistoryPlot"/> draws.
/// </summary>
internal static class PortfolioPlot
{
    public const int MaxBars = 30;

    private const float TitleSize = 22,
        LabelSize = 16,
        TickSize = 13;

    /// <summary>Draws the weights and writes the PNG to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    /// <exception cref="PlatformNotSupportedException">SkiaSharp's native libraries are missing.</exception>
    public static void Save(PortfolioValuation valuation, string path)
    {
        byte[] png;
        try
        {
            using var plot = Build(valuation);
            png = plot.GetImageBytes(HistoryPlot.DefaultWidth, HistoryPlot.DefaultHeight, ImageFormat.Png);
        }
        catch (Exception e) when (HistoryPlot.Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
        File.WriteAllBytes(path, png);
    }

    /// <summary>The plot <see cref="Save"/> draws, before it is drawn.</summary>
    internal static Plot Build(PortfolioValuation valuation)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        EmbeddedFontResolver.Register();
        var plot = new Plot();
        var weighted = valuation
            .Positions.Where(position => position.WeightPercent is not null)
            .OrderByDescending(position => position.WeightPercent)
            .ToList();
        var bars = weighted
            .Take(MaxBars)
            .Select(position =>
                (Label: UntrustedText.ForTerminal(position.Symbol), Weight: position.WeightPercent!.Value)
            )
            .ToList();
        if (weighted.Count > MaxBars)
        {
            var rest = weighted.Skip(MaxBars).ToList();
            bars.Add(($"{rest.Count} others", rest.Sum(position => position.WeightPercent!.Value)));
        }
        // Bottom to top: the largest weight is drawn last, on top.
        bars.Reverse();
        var total = valuation.Total;
        var title =
            $"Weights in {valuation.BaseCurrency}: {PortfolioNumbers.Grouped(total.ValueInBase, 2)} "
            + $"{valuation.BaseCurrency} over {total.Positions} positions"
            + (total.Excluded.Count > 0 ? $" ({total.Excluded.Count} left out)" : "");
        plot.Title(UntrustedText.ForTerminal(title), TitleSize);
        if (bars.Count == 0)
        {
            plot.HideAxesAndGrid();
            var empty = plot.Add.Annotation("no position has a value to draw", Alignment.MiddleCenter);
            empty.LabelStyle.FontSize = LabelSize * 1.5f;
        }
        else
        {
            var positions = Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray();
            // double only for drawing: the amounts stay decimal everywhere else.
            var plotted = plot.Add.Bars(positions, bars.Select(bar => (double)bar.Weight).ToArray());
            plotted.Horizontal = true;
            plot.Axes.Left.SetTicks(positions, [.. bars.Select(bar => bar.Label)]);
            plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
            plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
            plot.XLabel("weight %", LabelSize);
        }
        plot.Font.Set(HistoryPlot.FontName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        return plot;
    }
}
