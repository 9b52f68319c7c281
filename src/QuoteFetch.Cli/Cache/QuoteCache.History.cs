using System.Runtime.CompilerServices;

namespace QuoteFetch.Cli;

internal sealed partial class QuoteCache
{
    /// <summary>
    /// The histories of <paramref name="symbols"/>. Daily bars of days that have closed in the exchange's zone are
    /// stored and never asked for again: a request whose days are all stored sends nothing; one that reaches past them
    /// (a range ending today) asks only from the first day not stored. Other intervals are always asked for: their bars
    /// (weeks, months, minutes) depend on where the request starts and on the session still open. What is fetched is
    /// written by a <see cref="HistorySaver"/> beside the output, and all of it is written before the sequence ends.
    /// </summary>
    public async IAsyncEnumerable<HistoryResult> GetHistoryAsync(
        QuoteClient client,
        Uri baseUrl,
        IReadOnlyList<string> symbols,
        HistoryRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Interval != HistoryInterval.OneDay)
        {
            await foreach (
                var result in client.GetHistoryAsync(symbols, request, cancellationToken).ConfigureAwait(false)
            )
            {
                yield return result;
            }
            yield break;
        }
        var saver = new HistorySaver(_store);
        try
        {
            await foreach (
                var result in GetDailyHistoryAsync(client, baseUrl, symbols, request, saver, cancellationToken)
                    .ConfigureAwait(false)
            )
            {
                yield return result;
            }
        }
        finally
        {
            // Also after Ctrl+C: what was fetched is stored. The output is flushed while this waits.
            await saver.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<HistoryResult> GetDailyHistoryAsync(
        QuoteClient client,
        Uri baseUrl,
        IReadOnlyList<string> symbols,
        HistoryRequest request,
        HistorySaver saver,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var source = Source(baseUrl);
        var now = _console.Time.GetUtcNow();
        var todayUtc = DateOnly.FromDateTime(now.UtcDateTime);
        var first = request.Range is { } range ? RangeFirst(range, todayUtc) : request.Start!.Value;
        // Symbols to ask for, by the first day to ask for (null: the whole request), with what is stored of them.
        var asks = new Dictionary<DateOnly, List<(string Symbol, HistorySeries Series)>>();
        var whole = new List<string>();
        foreach (var symbol in symbols)
        {
            var key = Key(source, symbol, request);
            if (_store.FindSeries(key) is not { } series || series.CoveredFrom > first)
            {
                whole.Add(symbol);
                continue;
            }
            var last = request.End ?? TodayAt(series.TimeZone, now);
            if (last <= series.CoveredTo && _store.ReadDays(series, first, last) is { } days)
            {
                Interlocked.Increment(ref _saved);
                await Log($"{symbol}: history from the cache ({CacheStore.Iso(first)} to {CacheStore.Iso(last)})")
                    .ConfigureAwait(false);
                yield return HistoryResult.Success(symbol, Build(series, days));
            }
            else if (first.DayNumber <= series.CoveredTo.DayNumber + 1 && last > series.CoveredTo)
            {
                // Yahoo refuses a start after today in UTC; east of UTC the exchange's today may be UTC's tomorrow.
                var start = series.CoveredTo.AddDays(1);
                start = start > todayUtc ? todayUtc : start;
                if (!asks.TryGetValue(start, out var group))
                {
                    asks[start] = group = [];
                }
                group.Add((symbol, series));
            }
            else
            {
                whole.Add(symbol);
            }
        }

        var stale = new List<string>();
        foreach (var (start, group) in asks)
        {
            var open = new HistoryRequest
            {
                Start = start,
                End = request.End,
                Interval = request.Interval,
                IncludeEvents = request.IncludeEvents,
            };
            var stored = group.ToDictionary(item => item.Symbol, item => item.Series, StringComparer.Ordinal);
            foreach (var (symbol, series) in group)
            {
                await Log(
                        $"{symbol}: history from the cache up to {CacheStore.Iso(series.CoveredTo)}, asking from {CacheStore.Iso(start)}"
                    )
                    .ConfigureAwait(false);
            }
            await foreach (
                var result in client.GetHistoryAsync(stored.Keys, open, cancellationToken).ConfigureAwait(false)
            )
            {
                if (result.History is not { } fresh || !stored.TryGetValue(result.Symbol, out var series))
                {
                    yield return result;
                    continue;
                }
                // A dividend or split since the stored days changes their adjusted closes: ask for the whole range.
                if (
                    fresh.Dividends.Any(d => d.Date > series.CoveredTo)
                    || fresh.Splits.Any(s => s.Date > series.CoveredTo)
                )
                {
                    await Log($"{result.Symbol}: a dividend or split since the stored days; asking for the whole range")
                        .ConfigureAwait(false);
                    stale.Add(result.Symbol);
                    continue;
                }
                await Store(saver, Key(source, result.Symbol, request), fresh, start, request.End, now, replace: false)
                    .ConfigureAwait(false);
                var days = _store.ReadDays(series, first, series.CoveredTo);
                if (days is null)
                {
                    // The cache stopped working mid-run: what was asked for is only the open part; ask for all.
                    stale.Add(result.Symbol);
                    continue;
                }
                yield return HistoryResult.Success(result.Symbol, Merge(fresh, days, series.CoveredTo));
            }
        }

        foreach (var (again, replace) in new[] { (whole, false), (stale, true) })
        {
            if (again.Count == 0)
            {
                continue;
            }
            await foreach (
                var result in client.GetHistoryAsync(again, request, cancellationToken).ConfigureAwait(false)
            )
            {
                if (result.History is { } fresh)
                {
                    var from = fresh.Bars.Count > 0 && Day(fresh.Bars[0]) < first ? Day(fresh.Bars[0]) : first;
                    await Store(saver, Key(source, result.Symbol, request), fresh, from, request.End, now, replace)
                        .ConfigureAwait(false);
                }
                yield return result;
            }
        }
    }

    private static async Task Store(
        HistorySaver saver,
        HistoryKey key,
        PriceHistory fresh,
        DateOnly from,
        DateOnly? end,
        DateTimeOffset now,
        bool replace
    )
    {
        // Only days that have closed at the exchange: today's bar is still moving.
        var closed = TodayAt(fresh.TimeZone, now).AddDays(-1);
        var to = end is { } last && last < closed ? last : closed;
        if (from <= to)
        {
            await saver.SaveAsync(new HistorySave(key, fresh, from, to, replace, now)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The first day a range's answer surely holds whole. Yahoo counts <c>1mo</c> from this instant a month back, so
    /// the day it starts on has its bar only when that session opened later in the day than now: the cache counts the
    /// range from the day after (and keeps that first day too when the answer had its bar). <c>ytd</c> and
    /// <c>max</c> start at a midnight.
    /// </summary>
    private static DateOnly RangeFirst(HistoryRange range, DateOnly today) =>
        range is HistoryRange.YearToDate or HistoryRange.Max
            ? HistoryWireNames.Earliest(range, today)
            : HistoryWireNames.Earliest(range, today).AddDays(1);

    private static HistoryKey Key(string source, string symbol, HistoryRequest request) =>
        new(source, symbol, HistoryWireNames.Of(request.Interval), request.IncludeEvents);

    private static DateOnly TodayAt(TimeZoneInfo zone, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    private static DateOnly Day(PriceBar bar) => DateOnly.FromDateTime(bar.Time.DateTime);

    private static PriceHistory Build(HistorySeries series, StoredDays days) =>
        new()
        {
            Symbol = series.AnsweredSymbol,
            Currency = series.Currency,
            Exchange = series.Exchange,
            TimeZoneName = series.TimeZoneName,
            TimeZone = series.TimeZone,
            PriceHint = series.PriceHint,
            Bars = days.Bars,
            Dividends = days.Dividends,
            Splits = days.Splits,
        };

    private static PriceHistory Merge(PriceHistory fresh, StoredDays stored, DateOnly storedTo) =>
        new()
        {
            Symbol = fresh.Symbol,
            Currency = fresh.Currency,
            Exchange = fresh.Exchange,
            TimeZoneName = fresh.TimeZoneName,
            TimeZone = fresh.TimeZone,
            PriceHint = fresh.PriceHint,
            Bars = [.. stored.Bars, .. fresh.Bars.Where(bar => Day(bar) > storedTo)],
            Dividends = [.. stored.Dividends, .. fresh.Dividends.Where(d => d.Date > storedTo)],
            Splits = [.. stored.Splits, .. fresh.Splits.Where(s => s.Date > storedTo)],
        };
}
