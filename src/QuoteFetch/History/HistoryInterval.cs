namespace QuoteFetch;

/// <summary>The time one bar covers, as Yahoo names it (<see cref="HistoryWireNames"/> gives the wire name).</summary>
public enum HistoryInterval
{
    /// <summary><c>1d</c>, the default.</summary>
    OneDay,

    /// <summary><c>1m</c>: only within the last 30 days, at most 8 days per request.</summary>
    OneMinute,

    /// <summary><c>2m</c>: only within the last 60 days.</summary>
    TwoMinutes,

    /// <summary><c>5m</c>: only within the last 60 days.</summary>
    FiveMinutes,

    /// <summary><c>15m</c>: only within the last 60 days.</summary>
    FifteenMinutes,

    /// <summary><c>30m</c>: only within the last 60 days.</summary>
    ThirtyMinutes,

    /// <summary><c>60m</c>: only within the last 60 days.</summary>
    SixtyMinutes,

    /// <summary><c>90m</c>: only within the last 60 days.</summary>
    NinetyMinutes,

    /// <summary><c>1h</c>: only within the last 60 days.</summary>
    OneHour,

    /// <summary><c>5d</c>.</summary>
    FiveDays,

    /// <summary><c>1wk</c>.</summary>
    OneWeek,

    /// <summary><c>1mo</c>.</summary>
    OneMonth,

    /// <summary><c>3mo</c>.</summary>
    ThreeMonths,
}
