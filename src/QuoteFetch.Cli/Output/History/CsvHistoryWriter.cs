using System.Globalization;
using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// Long CSV, one row per bar (ready for pandas and spreadsheets), each symbol written and flushed as it arrives. A
/// failed symbol is one row with only its symbol and error; a symbol with an empty history one row with only its
/// symbol, so every symbol appears. With events, dividends and splits are rows of their own after the bars of their
/// day, with the amount and the ratio exact; their date is a plain day also for intraday bars, as Yahoo dates them
/// by day. Cleaned prices have exactly priceHint places (131.00), exact ones Yahoo's own digits. Text cells are
/// cleaned, RFC 4180 quoted and formula-safe.
/// </summary>
internal sealed class CsvHistoryWriter(HistoryOutputOptions options) : IHistoryWriter
{
    public const string Header = "symbol,date,open,high,low,close,adj_close,volume,error_kind,error_message";

    public const string EventsHeader =
        "symbol,date,open,high,low,close,adj_close,volume,event,dividend,split_numerator,split_denominator,error_kind,error_message";

    public async Task WriteAsync(IAsyncEnumerable<HistoryResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(options.Events ? EventsHeader : Header).ConfigureAwait(false);
        // Rows are formatted on every core, ahead of the one being written (most of a run's work is here).
        await Streaming
            .WriteEachAheadAsync(results, output, AppendRows, ahead: Environment.ProcessorCount)
            .ConfigureAwait(false);
    }

    private void AppendRows(HistoryResult result, StringBuilder rows)
    {
        var symbol = UntrustedText.ForCsv(result.Symbol);
        if (result.Error is { } error)
        {
            // symbol plus every value column empty, then the error.
            rows.Append(symbol).Append(',', options.Events ? 12 : 8);
            rows.Append(error.Kind.ToWireName()).Append(',').Append(UntrustedText.ForCsv(error.Message)).Append('\n');
            return;
        }
        // Prices are rounded as each cell is written (PriceText), not by a cleaned copy of every bar.
        var history = result.History!;
        var places = HistoryText.Places(history, options.Exact);
        var dividends = options.Events ? history.Dividends : [];
        var splits = options.Events ? history.Splits : [];
        if (history.Bars.Count == 0 && dividends.Count == 0 && splits.Count == 0)
        {
            // Every column, as on every row: a reader that counts fields (RFC 4180) must not meet a short line.
            rows.Append(symbol).Append(',', options.Events ? 13 : 9).Append('\n');
            return;
        }
        int d = 0,
            s = 0;
        foreach (var bar in history.Bars)
        {
            // Events of earlier days go before this bar; events of its own day after all of that day's bars.
            var day = DateOnly.FromDateTime(bar.Time.DateTime);
            for (; d < dividends.Count && dividends[d].Date < day; d++)
            {
                AppendDividend(symbol, dividends[d], rows);
            }
            for (; s < splits.Count && splits[s].Date < day; s++)
            {
                AppendSplit(symbol, splits[s], rows);
            }
            AppendBar(symbol, bar, places, rows);
        }
        for (; d < dividends.Count; d++)
        {
            AppendDividend(symbol, dividends[d], rows);
        }
        for (; s < splits.Count; s++)
        {
            AppendSplit(symbol, splits[s], rows);
        }
    }

    private void AppendBar(string symbol, PriceBar bar, int? places, StringBuilder rows)
    {
        // Everything after the symbol fits: a date, five prices, a volume and the empty columns.
        Span<char> row = stackalloc char[HistoryText.DateLength + (5 * PriceText.MaxLength) + 20 + 16];
        row[0] = ',';
        HistoryText.TryWriteDate(bar.Time, options.Intraday, row[1..], out var at);
        at++;
        at += Price(bar.Open, places, row[at..]);
        at += Price(bar.High, places, row[at..]);
        at += Price(bar.Low, places, row[at..]);
        at += Price(bar.Close, places, row[at..]);
        at += Price(bar.AdjustedClose, places, row[at..]);
        row[at++] = ',';
        if (bar.Volume is { } volume)
        {
            volume.TryFormat(row[at..], out var written, default, CultureInfo.InvariantCulture);
            at += written;
        }
        var end = options.Events ? ",,,,,,\n" : ",,\n";
        end.CopyTo(row[at..]);
        at += end.Length;
        rows.Append(symbol).Append(row[..at]);
    }

    // A comma, then the price (nothing for a null one): the characters written.
    private static int Price(decimal? price, int? places, Span<char> cell)
    {
        cell[0] = ',';
        if (price is not { } value)
        {
            return 1;
        }
        PriceText.TryWrite(value, places, cell[1..], out var written);
        return written + 1;
    }

    private static void AppendDividend(string symbol, Dividend dividend, StringBuilder rows) =>
        rows.Append(symbol)
            .Append(',')
            .Append(HistoryText.Date(dividend.Date))
            .Append(",,,,,,,dividend,")
            .Append(HistoryText.Number(dividend.Amount))
            .Append(",,,,\n");

    private static void AppendSplit(string symbol, Split split, StringBuilder rows) =>
        rows.Append(symbol)
            .Append(',')
            .Append(HistoryText.Date(split.Date))
            .Append(",,,,,,,split,,")
            .Append(HistoryText.Number(split.Numerator))
            .Append(',')
            .Append(HistoryText.Number(split.Denominator))
            .Append(",,\n");
}
