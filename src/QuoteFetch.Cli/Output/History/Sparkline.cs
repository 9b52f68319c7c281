namespace QuoteFetch.Cli;

/// <summary>A one-line chart of a series in Unicode block characters (▁▂▃▄▅▆▇█), lowest value ▁, highest █.</summary>
internal static class Sparkline
{
    private const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// One character per value, or, when there are more values than <paramref name="width"/>, one per run of
    /// consecutive values (their mean), so the line is never longer than the width. A flat series is a row of ▄;
    /// no values, or values whose arithmetic overflows decimal (only a hostile answer has those), give no line.
    /// </summary>
    public static string Render(IReadOnlyList<decimal> values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || width <= 0)
        {
            return "";
        }
        try
        {
            var points = Resample(values, Math.Min(width, values.Count));
            var min = points.Min();
            var max = points.Max();
            var line = new char[points.Length];
            for (var i = 0; i < points.Length; i++)
            {
                line[i] =
                    max == min
                        ? Levels[Levels.Length / 2 - 1]
                        : Levels[
                            (int)
                                decimal.Round(
                                    (points[i] - min) / (max - min) * (Levels.Length - 1),
                                    MidpointRounding.ToEven
                                )
                        ];
            }
            return new string(line);
        }
        catch (OverflowException)
        {
            return "";
        }
    }

    private static decimal[] Resample(IReadOnlyList<decimal> values, int count)
    {
        var points = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            int start = (int)((long)i * values.Count / count),
                end = (int)((long)(i + 1) * values.Count / count);
            var sum = 0m;
            for (var j = start; j < end; j++)
            {
                sum += values[j];
            }
            points[i] = sum / (end - start);
        }
        return points;
    }
}
