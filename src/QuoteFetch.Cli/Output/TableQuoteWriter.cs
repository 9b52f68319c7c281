using System.Globalization;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// A table for people at a terminal; upstream text is shown as plain text, never as markup. Up to
/// <see cref="PlainThreshold"/> rows Spectre.Console lays it out; above that <see cref="PlainTable"/> draws the same
/// table line by line, because Spectre holds every cell's segments in memory (10,000 rows: 0.55 s, 229 MB).
/// </summary>
internal sealed class TableQuoteWriter(
    int? decimals,
    bool colors,
    int width,
    int plainAbove = TableQuoteWriter.PlainThreshold
) : IQuoteWriter
{
    public const int PlainThreshold = 1_000;

    public static readonly string[] Headers = ["Symbol", "Price", "Currency", "Exchange", "Market time (UTC)", "Error"];

    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<string[]>();
        int priced = 0,
            failed = 0;
        await foreach (var result in results.ConfigureAwait(false))
        {
            rows.Add(Cells(result));
            _ = result.IsSuccess ? priced++ : failed++;
        }
        var caption = $"{priced} priced, {failed} without a price";
        if (rows.Count > plainAbove)
        {
            new PlainTable(Headers, PriceColumn, colors, width).Write(rows, caption, output);
        }
        else
        {
            WriteWithSpectre(rows, caption, output);
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    private const int PriceColumn = 1;

    private void WriteWithSpectre(List<string[]> rows, string caption, TextWriter output)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            table.AddColumn(header == Headers[PriceColumn] ? new TableColumn(header).RightAligned() : new(header));
        }
        foreach (var cells in rows)
        {
            table.AddRow(
                new Text(cells[0], new Style(decoration: Decoration.Bold)),
                new Text(cells[1]),
                new Text(cells[2]),
                new Text(cells[3]),
                new Text(cells[4]),
                new Text(cells[5], new Style(foreground: Color.Red))
            );
        }
        table.Caption(caption);

        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                // Decided here from the environment (TerminalEnvironment.UseColor), not guessed again by Spectre.
                Ansi = colors ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = colors ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            }
        );
        console.Profile.Width = width;
        console.Write(table);
    }

    // The text of each cell, cleaned once; both renderers take the same cells.
    private string[] Cells(QuoteResult result)
    {
        var quote = result.Quote;
        var error = result.Error;
        return
        [
            UntrustedText.ForTerminal(result.Symbol),
            quote is null ? "" : PriceFormatter.Format(quote, decimals),
            UntrustedText.ForTerminal(quote?.Currency),
            UntrustedText.ForTerminal(quote?.Exchange),
            quote?.MarketTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
            error is null ? "" : $"{error.Kind.ToWireName()}: {UntrustedText.ForTerminal(error.Message)}",
        ];
    }
}
