using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>What the table shows of one history: its span, first and last close, lowest and highest close, change.</summary>
internal sealed class HistorySummary
{
    public int Bars { get; private init; }

    public DateTimeOffset? FirstTime { get; private init; }

    public DateTimeOffset? LastTime { get; private init; }

    /// <summary>The closes that are not null, oldest first.</summary>
    public IReadOnlyList<decimal> Closes { get; private init; } = [];

    public decimal? FirstClose => Closes.Count > 0 ? Closes[0] : null;

    public decimal? LastClose => Closes.Count > 0 ? Closes[^1] : null;

    public decimal? MinClose => Closes.Count > 0 ? Closes.Min() : null;

    public decimal? MaxClose => Closes.Count > 0 ? Closes.Max() : null;

    /// <summary>From the first close to the last, in percent; null without two closes to compare.</summary>
    public decimal? ChangePercent => FirstClose is { } first && LastClose is { } last ? Change(first, last) : null;

    public static HistorySummary Of(PriceHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var bars = history.Bars;
        var closes = new List<decimal>(bars.Count);
        foreach (var bar in bars)
        {
            if (bar.Close is { } close)
            {
                closes.Add(close);
            }
        }
        return new HistorySummary
        {
            Bars = bars.Count,
            FirstTime = bars.Count > 0 ? bars[0].Time : null,
            LastTime = bars.Count > 0 ? bars[^1].Time : null,
            Closes = closes,
        };
    }

    /// <summary>
    /// (last / first − 1) × 100, rounded half-to-even to two places, in exact decimal arithmetic; null when the
    /// first close is 0 or the quotient overflows decimal (a hostile answer, never a real price).
    /// </summary>
    public static decimal? Change(decimal first, decimal last)
    {
        if (first == 0)
        {
            return null;
        }
        try
        {
            return decimal.Round((last / first - 1) * 100, 2, MidpointRounding.ToEven);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The change with its sign, <c>+1.25%</c>, <c>-0.40%</c>, <c>0.00%</c>.</summary>
    public static string FormatChange(decimal change) =>
        change switch
        {
            > 0 => "+" + change.ToString("F2", CultureInfo.InvariantCulture) + "%",
            < 0 => change.ToString("F2", CultureInfo.InvariantCulture) + "%",
            _ => "0.00%",
        };
}
