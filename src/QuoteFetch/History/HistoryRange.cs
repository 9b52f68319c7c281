namespace QuoteFetch;

/// <summary>A span of history ending now, as Yahoo names it (<see cref="HistoryWireNames"/> gives the wire name).</summary>
public enum HistoryRange
{
    /// <summary><c>1d</c>.</summary>
    OneDay,

    /// <summary><c>5d</c>.</summary>
    FiveDays,

    /// <summary><c>1mo</c>.</summary>
    OneMonth,

    /// <summary><c>3mo</c>.</summary>
    ThreeMonths,

    /// <summary><c>6mo</c>.</summary>
    SixMonths,

    /// <summary><c>1y</c>.</summary>
    OneYear,

    /// <summary><c>2y</c>.</summary>
    TwoYears,

    /// <summary><c>5y</c>.</summary>
    FiveYears,

    /// <summary><c>10y</c>.</summary>
    TenYears,

    /// <summary><c>ytd</c>: from January 1 of the current year.</summary>
    YearToDate,

    /// <summary><c>max</c>: everything Yahoo has.</summary>
    Max,
}
