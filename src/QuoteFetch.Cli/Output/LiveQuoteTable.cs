using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace QuoteFetch.Cli;

/// <summary>
/// The table --watch redraws in place on a terminal: each price with its change since the previous close and a mark
/// when it moved since the last round, this round's errors in their rows, and when the next round comes.
/// </summary>
internal sealed class LiveQuoteTable(int? decimals, bool colors)
{
    public static readonly string[] Headers =
    [
        "Symbol",
        "Price",
        "",
        "Change",
        "Change %",
        "Market time (UTC)",
        "Error",
    ];

    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);

    public static IRenderable Waiting() =>
        new Table().Border(TableBorder.Rounded).AddColumns(Headers).Caption("fetching round 1…");

    public IRenderable Render(WatchRound round, IReadOnlyList<QuoteResult> results, DateTimeOffset? nextAt)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            table.AddColumn(
                header is "Price" or "Change" or "Change %" ? new TableColumn(header).RightAligned() : new(header)
            );
        }
        foreach (var result in results)
        {
            table.AddRow(Row(result));
        }
        var at = round.FetchedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var next = nextAt is { } when
            ? $"next at {when.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC (Ctrl+C stops)"
            : "last round";
        table.Caption($"round {round.Number} at {at} UTC; {next}");
        return table;
    }

    private IRenderable[] Row(QuoteResult result)
    {
        var symbol = UntrustedText.ForTerminal(result.Symbol);
        if (result.Quote is not { } quote)
        {
            var error = result.Error!;
            return
            [
                new Text(symbol, new Style(decoration: Decoration.Bold)),
                Text.Empty,
                Text.Empty,
                Text.Empty,
                Text.Empty,
                Text.Empty,
                new Text(
                    $"{error.Kind.ToWireName()}: {UntrustedText.ForTerminal(error.Message)}",
                    colors ? new Style(foreground: Color.Red) : Style.Plain
                ),
            ];
        }
        var places = PriceFormatter.DecimalsFor(quote, decimals);
        // A mark when the price moved since the last round: ▲ up, ▼ down (coloured only where colours are wanted).
        var mark =
            _lastPrices.TryGetValue(result.Symbol, out var last) && last != quote.Price
                ? quote.Price > last
                    ? new Text("▲", colors ? new Style(foreground: Color.Green) : Style.Plain)
                    : new Text("▼", colors ? new Style(foreground: Color.Red) : Style.Plain)
                : Text.Empty;
        _lastPrices[result.Symbol] = quote.Price;
        var change = quote.PreviousClose is { } close ? quote.Price - close : (decimal?)null;
        var percent = quote.PreviousClose is { } basis && basis != 0 ? change / basis * 100 : null;
        var changeStyle =
            !colors || change is null || change == 0 ? Style.Plain
            : change > 0 ? new Style(foreground: Color.Green)
            : new Style(foreground: Color.Red);
        return
        [
            new Text(symbol, new Style(decoration: Decoration.Bold)),
            new Text(PriceFormatter.Format(quote.Price, places)),
            mark,
            new Text(change is { } value ? Signed(PriceFormatter.Format(value, places), value) : "", changeStyle),
            new Text(percent is { } share ? Signed(PriceFormatter.Format(share, 2), share) + "%" : "", changeStyle),
            new Text(quote.MarketTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? ""),
            Text.Empty,
        ];
    }

    private static string Signed(string text, decimal value) => value > 0 ? "+" + text : text;
}
