using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuoteFetch;

/// <summary>
/// What history to ask for: either a <see cref="Range"/> ending now, or a <see cref="Start"/> date with an optional
/// <see cref="End"/> date; the bar <see cref="Interval"/>; and whether to ask for dividends and splits.
/// Call <see cref="TryValidate"/> before sending: it refuses what Yahoo would refuse.
/// </summary>
/// <remarks>
/// Dates are calendar days at the exchange, not instants. The exchange's zone is only known from Yahoo's answer, so
/// the request asks from <see cref="Start"/> at 00:00 UTC to the day after <see cref="End"/> at 00:00 UTC
/// (<c>period1</c>/<c>period2</c> in Unix seconds). Yahoo answers with whole trading days, so an exchange whose day
/// begins before 00:00 UTC (Sydney's bar for a day is stamped 23:00 UTC the day before) still gets its bar for
/// <see cref="Start"/>; a caller that needs exactly <see cref="Start"/> to <see cref="End"/> filters the bars by
/// their local date (<see cref="PriceBar.Time"/> is in the exchange's zone).
/// </remarks>
public sealed class HistoryRequest
{
    /// <summary>Intraday intervals other than <c>1m</c> reach back this many days at most.</summary>
    public const int IntradayMaxAgeDays = 60;

    /// <summary><c>1m</c> bars reach back this many days at most.</summary>
    public const int OneMinuteMaxAgeDays = 30;

    /// <summary><c>1m</c> bars cover at most this many days per request.</summary>
    public const int OneMinuteMaxDays = 8;

    /// <summary>A span ending now; null when <see cref="Start"/> is given. Exactly one of the two must be set.</summary>
    public HistoryRange? Range { get; init; }

    /// <summary>The first day; null when <see cref="Range"/> is given.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>The last day, included; null for "up to now". Only with <see cref="Start"/>.</summary>
    public DateOnly? End { get; init; }

    /// <summary>The time one bar covers; <see cref="HistoryInterval.OneDay"/> unless set.</summary>
    public HistoryInterval Interval { get; init; } = HistoryInterval.OneDay;

    /// <summary>Whether to ask for dividends and splits as well (<c>events=div,splits</c>).</summary>
    public bool IncludeEvents { get; init; }

    /// <summary>
    /// Whether Yahoo would answer this request on <paramref name="today"/>: exactly one of a range and a start; an
    /// end only with a start and not before it; <c>1m</c> bars only within the last 30 days and at most 8 days;
    /// other intraday bars only within the last 60 days (a range counts from <paramref name="today"/>, so
    /// <c>ytd</c> with <c>5m</c> is refused from March on).
    /// </summary>
    /// <param name="today">Today's date (UTC), from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="problem">Why not, in one plain sentence; null when the request is fine.</param>
    public bool TryValidate(DateOnly today, [NotNullWhen(false)] out string? problem)
    {
        problem = FindProblem(today);
        return problem is null;
    }

    private string? FindProblem(DateOnly today)
    {
        if (!Enum.IsDefined(Interval))
        {
            return $"the interval {(int)Interval} is not one Yahoo knows";
        }
        if (Range is { } range && !Enum.IsDefined(range))
        {
            return $"the range {(int)range} is not one Yahoo knows";
        }
        if (Range is not null && (Start is not null || End is not null))
        {
            return "a history takes either a range or start and end dates, not both";
        }
        if (Range is null && Start is null)
        {
            return End is null ? "a history needs a range or a start date" : "an end date needs a start date";
        }
        var interval = HistoryWireNames.Of(Interval);
        DateOnly first;
        int days;
        string asked;
        if (Range is { } given)
        {
            first = HistoryWireNames.Earliest(given, today);
            days = given == HistoryRange.Max ? int.MaxValue : today.DayNumber - first.DayNumber;
            asked = $"range={HistoryWireNames.Of(given)}";
        }
        else
        {
            var start = Start.GetValueOrDefault();
            var end = End ?? today;
            if (start > end)
            {
                return End is null
                    ? $"the start date {Iso(start)} is after today ({Iso(today)})"
                    : $"the start date {Iso(start)} is after the end date {Iso(end)}";
            }
            if (end > today)
            {
                // Also keeps the query's "day after the end" representable (DateOnly.MaxValue has none).
                return $"the end date {Iso(end)} is after today ({Iso(today)})";
            }
            first = start;
            days = end.DayNumber - start.DayNumber + 1;
            asked = $"a start on {Iso(start)}";
        }
        if (Interval == HistoryInterval.OneMinute)
        {
            if (first.DayNumber < today.DayNumber - OneMinuteMaxAgeDays)
            {
                return $"1m bars exist only for the last {OneMinuteMaxAgeDays} days; {asked} reaches further back";
            }
            if (days > OneMinuteMaxDays)
            {
                return $"1m bars can be asked for at most {OneMinuteMaxDays} days at a time; {asked} covers {days} days";
            }
        }
        else if (HistoryWireNames.IsIntraday(Interval) && first.DayNumber < today.DayNumber - IntradayMaxAgeDays)
        {
            return $"{interval} bars exist only for the last {IntradayMaxAgeDays} days; {asked} reaches further back";
        }
        return null;
    }

    /// <summary>
    /// The chart query for this request, without the leading <c>?</c>: <c>range=1y&amp;interval=1d</c> or
    /// <c>period1=…&amp;period2=…&amp;interval=1d</c> (period2 left out when there is no end: Yahoo answers up to now),
    /// then <c>events=div%2Csplits</c> when asked, and always <c>includePrePost=false</c>.
    /// </summary>
    internal string ToQuery()
    {
        var interval = HistoryWireNames.Of(Interval);
        var events = IncludeEvents ? "&events=div%2Csplits" : "";
        if (Range is { } range)
        {
            return $"range={HistoryWireNames.Of(range)}&interval={interval}{events}&includePrePost=false";
        }
        var period1 = UnixMidnight(Start.GetValueOrDefault());
        var period2 = End is { } end
            ? "&period2=" + UnixMidnight(end.AddDays(1)).ToString(CultureInfo.InvariantCulture)
            : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"period1={period1}{period2}&interval={interval}{events}&includePrePost=false"
        );
    }

    private static long UnixMidnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
