using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// A table for people at a terminal, one row per symbol: symbol and currency, bars, first and last day, first and
/// last close, lowest and highest close, change, and a sparkline of the closes (or the error). Each row stacks two
/// values per column, so the table fits 80 columns; a wider terminal gets a longer sparkline. With events, a second
/// table lists each symbol's dividends and splits. Upstream text is cleaned for the terminal. It collects every
/// symbol's closes before drawing, as column widths need every row.
/// </summary>
internal sealed class TableHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    private static readonly string[][] Headers =
    [
        ["Symbol", "Currency"],
        ["Bars"],
        ["From", "To"],
        ["First", "Last"],
        ["Min", "Max"],
        ["Change"],
        ["Closes"],
    ];

    private static readonly bool[] RightAligned = [false, true, false, true, true, true, false];

    private static readonly string[][] EventHeaders =
    [
        ["Symbol"],
        ["Date"],
        ["Event"],
        ["Amount or ratio"],
    ];

    private static readonly bool[] EventRightAligned = [false, false, false, false];

    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<HistoryCell[]>();
        var closes = new List<IReadOnlyList<decimal>>();
        var events = new List<HistoryCell[]>();
        int withHistory = 0,
            failed = 0;
        await foreach (var result in results.ConfigureAwait(false))
        {
            var symbol = UntrustedText.ForTerminal(result.Symbol);
            if (result.Error is { } error)
            {
                failed++;
                rows.Add(FailedRow(symbol, error));
                closes.Add([]);
                continue;
            }
            withHistory++;
            var history = HistoryText.Prices(result.History!, options.Exact);
            var summary = HistorySummary.Of(history);
            rows.Add(Row(symbol, history, summary));
            closes.Add(summary.Closes);
            if (options.Events)
            {
                AddEvents(symbol, history, events);
            }
        }

        var table = new HistoryTable(Headers, RightAligned, options.Colors);
        // The sparklines take what the other columns leave; the Closes column then shrinks to the longest.
        var sparkWidth = table.LastColumnWidth(rows, options.Width);
        for (var i = 0; i < rows.Count; i++)
        {
            if (closes[i].Count > 0)
            {
                rows[i][^1] = Sparkline.Render(closes[i], sparkWidth);
            }
        }
        table.Write(rows, $"{withHistory} with a history, {failed} without", options.Width, output);
        if (options.Events)
        {
            output.WriteLine();
            if (events.Count == 0)
            {
                output.WriteLine("No dividends or splits.");
            }
            else
            {
                new HistoryTable(EventHeaders, EventRightAligned, options.Colors).Write(
                    events,
                    "Dividends and splits",
                    options.Width,
                    output
                );
            }
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static HistoryCell[] FailedRow(string symbol, QuoteError error) =>
        [
            new([symbol], HistoryTable.Bold),
            "",
            "",
            "",
            "",
            "",
            new([$"{error.Kind.ToWireName()}: {UntrustedText.ForTerminal(error.Message)}"], HistoryTable.Red),
        ];

    private HistoryCell[] Row(string symbol, PriceHistory history, HistorySummary summary)
    {
        var change = summary.ChangePercent;
        var places = HistoryText.Places(history, options.Exact);
        string Price(decimal? price) => HistoryText.Number(HistoryText.Fixed(price, places));
        return
        [
            new([symbol, UntrustedText.ForTerminal(history.Currency)], HistoryTable.Bold),
            summary.Bars.ToString(CultureInfo.InvariantCulture),
            new([Day(summary.FirstTime), Day(summary.LastTime)]),
            new([Price(summary.FirstClose), Price(summary.LastClose)]),
            new([Price(summary.MinClose), Price(summary.MaxClose)]),
            change is { } c
                ? new HistoryCell(
                    [HistorySummary.FormatChange(c)],
                    c > 0 ? HistoryTable.Green
                        : c < 0 ? HistoryTable.Red
                        : null
                )
                : "",
            summary.Bars == 0 ? "no bars in this range" : "",
        ];
    }

    // Intraday bars show the exchange's local time; a terminal reader needs no offset to compare them.
    private string Day(DateTimeOffset? time) =>
        time?.ToString(options.Intraday ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static void AddEvents(string symbol, PriceHistory history, List<HistoryCell[]> events)
    {
        int d = 0,
            s = 0;
        while (d < history.Dividends.Count || s < history.Splits.Count)
        {
            if (
                s >= history.Splits.Count
                || (d < history.Dividends.Count && history.Dividends[d].Date <= history.Splits[s].Date)
            )
            {
                var dividend = history.Dividends[d++];
                events.Add([symbol, HistoryText.Date(dividend.Date), "dividend", HistoryText.Number(dividend.Amount)]);
            }
            else
            {
                var split = history.Splits[s++];
                events.Add([
                    symbol,
                    HistoryText.Date(split.Date),
                    "split",
                    $"{HistoryText.Number(split.Numerator)}:{HistoryText.Number(split.Denominator)}",
                ]);
            }
        }
    }
}
