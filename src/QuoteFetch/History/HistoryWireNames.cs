using System.Diagnostics.CodeAnalysis;

namespace QuoteFetch;

/// <summary>Yahoo's names for <see cref="HistoryRange"/> and <see cref="HistoryInterval"/> values (<c>1y</c>, <c>1wk</c>), both ways.</summary>
public static class HistoryWireNames
{
    private static readonly string[] RangeNames =
    [
        "1d",
        "5d",
        "1mo",
        "3mo",
        "6mo",
        "1y",
        "2y",
        "5y",
        "10y",
        "ytd",
        "max",
    ];

    private static readonly string[] IntervalNames =
    [
        "1d",
        "1m",
        "2m",
        "5m",
        "15m",
        "30m",
        "60m",
        "90m",
        "1h",
        "5d",
        "1wk",
        "1mo",
        "3mo",
    ];

    /// <summary>Every range's wire name, shortest first, e.g. for a usage message.</summary>
    public static IReadOnlyList<string> Ranges => RangeNames;

    /// <summary>Every interval's wire name, the default (<c>1d</c>) first.</summary>
    public static IReadOnlyList<string> Intervals => IntervalNames;

    /// <summary>The wire name, e.g. <c>1y</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string Of(HistoryRange range) =>
        (uint)range < (uint)RangeNames.Length
            ? RangeNames[(int)range]
            : throw new ArgumentOutOfRangeException(nameof(range), range, "not a defined history range");

    /// <summary>The wire name, e.g. <c>1wk</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string Of(HistoryInterval interval) =>
        (uint)interval < (uint)IntervalNames.Length
            ? IntervalNames[(int)interval]
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "not a defined history interval");

    /// <summary>The range with this exact wire name (case-sensitive: <c>1m</c> and <c>1M</c> are not alike).</summary>
    public static bool TryParseRange(string? name, out HistoryRange range)
    {
        var index = Array.IndexOf(RangeNames, name);
        range = (HistoryRange)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The interval with this exact wire name (case-sensitive).</summary>
    public static bool TryParseInterval(string? name, out HistoryInterval interval)
    {
        var index = Array.IndexOf(IntervalNames, name);
        interval = (HistoryInterval)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Whether bars of this interval are shorter than a day (<c>1m</c> to <c>1h</c>): stamped with a time, not a date.</summary>
    public static bool IsIntraday(HistoryInterval interval) =>
        interval is >= HistoryInterval.OneMinute and <= HistoryInterval.OneHour;

    /// <summary>
    /// The first day a range ending on <paramref name="today"/> covers, as <see cref="HistoryRequest.TryValidate"/>
    /// counts it (<c>1mo</c> on 2024-03-15 is 2024-02-15; <c>max</c> is <see cref="DateOnly.MinValue"/>). Yahoo's own
    /// answer may start a day later: it counts from the instant, not the day.
    /// </summary>
    /// <param name="range">The range.</param>
    /// <param name="today">The day the range ends.</param>
    [SuppressMessage("Style", "IDE0072", Justification = "every range is listed")]
    public static DateOnly Earliest(HistoryRange range, DateOnly today) =>
        range switch
        {
            HistoryRange.OneDay => today.AddDays(-1),
            HistoryRange.FiveDays => today.AddDays(-5),
            HistoryRange.OneMonth => today.AddMonths(-1),
            HistoryRange.ThreeMonths => today.AddMonths(-3),
            HistoryRange.SixMonths => today.AddMonths(-6),
            HistoryRange.OneYear => today.AddYears(-1),
            HistoryRange.TwoYears => today.AddYears(-2),
            HistoryRange.FiveYears => today.AddYears(-5),
            HistoryRange.TenYears => today.AddYears(-10),
            HistoryRange.YearToDate => new DateOnly(today.Year, 1, 1),
            _ => DateOnly.MinValue,
        };
}
