using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// The valuation for people at a terminal: a row per position, then the totals in the base currency (naming what they
/// leave out), the totals per currency, and the FX rates used with their market time. Gains green and losses red on a
/// terminal only. Upstream text is shown as plain text.
/// </summary>
internal static class PortfolioTable
{
    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[91m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    // Right-aligned: every column but symbol, currency and error.
    private static readonly bool[] RightAligned = [false, true, true, false, true, true, true, true, true, false];

    // The gain columns, coloured by the gain's sign.
    private const int GainColumn = 6;
    private const int GainPercentColumn = 7;

    // Under --watch, the move mark (left-aligned) and the day's change in % (right-aligned) stand after Currency.
    private const int WatchColumnsAt = 4;

    /// <param name="lastPrices">
    /// Under --watch, each symbol's price in the previous round (empty in the first): the table then adds a ▲/▼ mark
    /// after a price that moved since, and the change since the previous close in %.
    /// </param>
    public static async Task WriteAsync(
        PortfolioReport report,
        TextWriter output,
        bool colors,
        IReadOnlyDictionary<string, decimal>? lastPrices = null
    )
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var valuation = report.Valuation;
        var baseCurrency = valuation.BaseCurrency;
        var watching = lastPrices is not null;
        string[] headers =
        [
            "Symbol",
            "Quantity",
            "Price",
            "Currency",
            "Value",
            $"Value {baseCurrency}",
            "Gain",
            "Gain %",
            "Weight %",
            "Error",
        ];
        var aligned = RightAligned;
        var gainColumns = (GainColumn, GainPercentColumn);
        if (watching)
        {
            headers = WithWatchColumns(headers, "", "Day %");
            aligned = WithWatchColumns(aligned, false, true);
            gainColumns = (GainColumn + 2, GainPercentColumn + 2);
        }
        var rows = report.Positions.Select(position => Cells(position, lastPrices)).ToList();
        var widths = headers.Select(header => header.Length).ToArray();
        foreach (var cells in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], PlainTable.CellWidth(cells[i]));
            }
        }

        var text = new StringBuilder();
        text.Append(Line(headers, widths, aligned, gainColumns, colors ? Bold : null)).Append('\n');
        for (var r = 0; r < rows.Count; r++)
        {
            var position = report.Positions[r];
            var tone =
                !colors ? null
                : position.Gain > 0 ? Green
                : position.Gain < 0 ? Red
                : null;
            text.Append(Line(rows[r], widths, aligned, gainColumns, null, tone)).Append('\n');
        }
        text.Append('\n');
        var total = valuation.Total;
        text.Append(
                $"Total {baseCurrency}: {PortfolioNumbers.Grouped(total.ValueInBase, PortfolioNumbers.MoneyDecimals)}"
            )
            .Append(
                total.CostInBase is { } cost && total.GainInBase is { } gain
                    ? $", cost {PortfolioNumbers.Grouped(cost, 2)}, gain {PortfolioNumbers.Grouped(gain, 2)}"
                        + (cost == 0m ? "" : $" ({PortfolioNumbers.Round(gain / cost * 100m, 2)} %)")
                    : ""
            )
            .Append($" over {total.Positions} of {valuation.Positions.Count} positions");
        if (total.Excluded.Count > 0)
        {
            text.Append(
                $"; leaves out {total.Excluded.Count} without a price or rate: "
                    + string.Join(", ", total.Excluded.Select(UntrustedText.ForTerminal))
            );
        }
        text.Append('\n');
        if (valuation.ValueByCurrency.Count > 0)
        {
            text.Append("By currency: ")
                .Append(
                    string.Join(
                        ", ",
                        valuation.ValueByCurrency.Select(pair =>
                            $"{UntrustedText.ForTerminal(pair.Key)} {PortfolioNumbers.Grouped(pair.Value, 2)}"
                        )
                    )
                )
                .Append('\n');
        }
        foreach (var rate in valuation.Rates)
        {
            text.Append(
                    $"Rate {UntrustedText.ForTerminal(rate.From)}→{rate.To} {PortfolioNumbers.Round(rate.Rate, PortfolioNumbers.RateDecimals)} "
                        + $"from {UntrustedText.ForTerminal(rate.Pair)}"
                )
                .Append(rate.Inverted ? " (inverted)" : "")
                .Append(rate.Via is { } via ? $" (cross through {via})" : "")
                .Append(rate.MarketTime is null ? "" : $", {PortfolioNumbers.Time(rate.MarketTime)}")
                .Append('\n');
        }
        await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static string[] Cells(PositionValue position, IReadOnlyDictionary<string, decimal>? lastPrices)
    {
        string[] cells = Cells(position);
        if (lastPrices is null)
        {
            return cells;
        }
        var mark =
            position.Price is { } price && lastPrices.TryGetValue(position.Symbol, out var last) && last != price
                ? price > last
                    ? "▲"
                    : "▼"
                : "";
        var day =
            position is { Price: { } now, PreviousClose: { } close } && close != 0
                ? PortfolioNumbers.Round((now - close) / close * 100m, PortfolioNumbers.PercentDecimals)
                : "";
        return WithWatchColumns(cells, mark, day);
    }

    private static T[] WithWatchColumns<T>(T[] cells, T mark, T day) =>
        [.. cells[..WatchColumnsAt], mark, day, .. cells[WatchColumnsAt..]];

    private static string[] Cells(PositionValue position) =>
        [
            UntrustedText.ForTerminal(position.Symbol),
            PortfolioNumbers.Quantity(position.Quantity),
            position.Price is { } price ? PortfolioNumbers.Price(price) : "",
            UntrustedText.ForTerminal(position.Currency),
            Money(position.Value),
            Money(position.ValueInBase),
            Money(position.Gain),
            Percent(position.GainPercent),
            Percent(position.WeightPercent),
            position.Error is { } error ? $"{error.Kind.ToWireName()}: {UntrustedText.ForTerminal(error.Message)}" : "",
        ];

    private static string Money(decimal? value) =>
        value is { } known ? PortfolioNumbers.Grouped(known, PortfolioNumbers.MoneyDecimals) : "";

    private static string Percent(decimal? value) =>
        value is { } known ? PortfolioNumbers.Round(known, PortfolioNumbers.PercentDecimals) : "";

    private static string Line(
        string[] cells,
        int[] widths,
        bool[] rightAligned,
        (int, int) gainColumns,
        string? headerStyle,
        string? tone = null
    )
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var pad = new string(' ', Math.Max(0, widths[i] - PlainTable.CellWidth(cells[i])));
            var cell = rightAligned[i] ? pad + cells[i] : cells[i] + (i == cells.Length - 1 ? "" : pad);
            var style =
                headerStyle ?? (tone is not null && (i == gainColumns.Item1 || i == gainColumns.Item2) ? tone : null);
            line.Append(i == 0 ? "" : "  ").Append(style is null ? cell : style + cell + Reset);
        }
        return line.ToString().TrimEnd();
    }
}
