using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// Wide CSV: <c>date,SYM1,SYM2,…</c>, one close column per symbol in the order the results arrive and one row per
/// distinct date across all symbols, oldest first. A cell is empty where that symbol has no bar that date or its close
/// is null. This format has to see every symbol before its first row, so it holds all closes (the only streaming-free
/// CSV); the other formats stream.
/// </summary>
/// <remarks>
/// Errors are not in this file: a failed symbol keeps its column, with every cell empty, and the caller reports its
/// error on stderr. Nor are dividends and splits (use the long CSV for those). Daily and longer bars are keyed by their day at the exchange (<c>yyyy-MM-dd</c>); intraday bars by
/// their UTC instant, shown in the exchange's local time and offset when every symbol trades in one zone, else in UTC
/// (<c>+00:00</c>) so the rows read in order. Two bars of one symbol on the
/// same key: the later one wins.
/// </remarks>
internal sealed class WideCsvHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var symbols = new List<string>();
        var columns = new List<Dictionary<long, decimal?>>();
        // The time of each row, from the first bar seen with that key.
        var times = new Dictionary<long, DateTimeOffset>();
        var zones = new HashSet<string?>(StringComparer.Ordinal);
        await foreach (var result in results.ConfigureAwait(false))
        {
            symbols.Add(result.Symbol);
            var closes = new Dictionary<long, decimal?>();
            columns.Add(closes);
            if (result.History is not { } history)
            {
                continue;
            }
            zones.Add(history.TimeZoneName);
            var cleaned = HistoryText.Prices(history, options.Exact);
            var places = HistoryText.Places(cleaned, options.Exact);
            foreach (var bar in cleaned.Bars)
            {
                var key = options.Intraday ? bar.Time.UtcTicks : DateOnly.FromDateTime(bar.Time.DateTime).DayNumber;
                closes[key] = HistoryText.Fixed(bar.Close, places);
                times.TryAdd(key, bar.Time);
            }
        }

        var line = new StringBuilder("date");
        foreach (var symbol in symbols)
        {
            line.Append(',').Append(UntrustedText.ForCsv(symbol));
        }
        await output.WriteLineAsync(line).ConfigureAwait(false);
        // Exchanges in different zones share one time column in UTC, so the rows read in order.
        var utc = options.Intraday && zones.Count > 1;
        var keys = times.Keys.ToArray();
        Array.Sort(keys);
        foreach (var key in keys)
        {
            var time = utc ? times[key].ToUniversalTime() : times[key];
            line.Clear().Append(HistoryText.Date(time, options.Intraday));
            foreach (var closes in columns)
            {
                line.Append(',').Append(HistoryText.Number(closes.GetValueOrDefault(key)));
            }
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
        await output.FlushAsync().ConfigureAwait(false);
    }
}
