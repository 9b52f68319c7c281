using System.Globalization;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>A Spectre.Console table for people at a terminal; upstream text is shown as plain text, never as markup.</summary>
internal sealed class TableQuoteWriter(int? decimals, bool colors, int width) : IQuoteWriter
{
    public async Task WriteAsync(IAsyncEnumerable<QuoteResult> results, TextWriter output)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Symbol")
            .AddColumn(new TableColumn("Price").RightAligned())
            .AddColumn("Currency")
            .AddColumn("Exchange")
            .AddColumn("Market time (UTC)")
            .AddColumn("Error");
        int priced = 0,
            failed = 0;
        await foreach (var result in results.ConfigureAwait(false))
        {
            table.AddRow(Row(result));
            _ = result.IsSuccess ? priced++ : failed++;
        }
        table.Caption($"{priced} priced, {failed} without a price");

        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = colors ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = colors ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            }
        );
        console.Profile.Width = width;
        console.Write(table);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private Text[] Row(QuoteResult result)
    {
        var quote = result.Quote;
        var error = result.Error;
        return
        [
            new Text(UntrustedText.ForTerminal(result.Symbol), new Style(decoration: Decoration.Bold)),
            new Text(quote is null ? "" : PriceFormatter.Format(quote, decimals)),
            new Text(UntrustedText.ForTerminal(quote?.Currency)),
            new Text(UntrustedText.ForTerminal(quote?.Exchange)),
            new Text(quote?.MarketTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? ""),
            new Text(
                error is null ? "" : $"{error.Kind.ToWireName()}: {UntrustedText.ForTerminal(error.Message)}",
                new Style(foreground: Color.Red)
            ),
        ];
    }
}
