using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// <c>portfolio --watch</c>: one valuation per round through one client (WatchLoop's rules). On a terminal the table
/// is redrawn in place (home and clear, then the table and when the next round comes); elsewhere each round appends
/// a block: NDJSON lines with <c>round</c> and <c>fetchedAt</c> first, CSV rows under one header, or a table.
/// </summary>
internal sealed class PortfolioWatch(PortfolioSettings settings, HoldingsFile file, CliConsole console)
{
    private const string HomeAndClear = "\u001b[H\u001b[2J";

    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private bool _headerWritten;

    public Task<int> RunAsync(QuoteClient client, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var loop = new WatchLoop<PortfolioValuation>(interval, settings.Rounds, console.Time, console.Error);
        return loop.RunAsync(
            token => client.ValuePortfolioAsync(file.Rows.Select(row => row.Holding), settings.BaseCurrency, token),
            valuation => valuation.Positions.Any(position => position.Error?.Kind == QuoteErrorKind.RateLimited),
            (round, valuation) => ShowAsync(round, valuation, loop.NextAt),
            valuation => valuation.Total.Excluded.Count == 0,
            cancellationToken
        );
    }

    private async Task ShowAsync(WatchRound round, PortfolioValuation valuation, DateTimeOffset? nextAt)
    {
        var output = console.Out;
        var report = PortfolioReport.Create(valuation, file, settings.Sort);
        var fetchedAt = WatchBlocks.FetchedAt(round);
        var number = round.Number.ToString(CultureInfo.InvariantCulture);
        switch (settings.Format)
        {
            case OutputFormat.Ndjson:
                foreach (var position in report.Positions)
                {
                    var json = PortfolioJson.Line(position, report.LinesOf(position.Symbol), valuation.BaseCurrency);
                    await output.WriteLineAsync(WatchBlocks.JsonLine(number, fetchedAt, json)).ConfigureAwait(false);
                }
                break;
            case OutputFormat.Csv:
                if (!_headerWritten)
                {
                    await output
                        .WriteLineAsync(WatchBlocks.CsvHeaderPrefix + PortfolioCsv.Header)
                        .ConfigureAwait(false);
                    _headerWritten = true;
                }
                foreach (var position in report.Positions)
                {
                    await output
                        .WriteLineAsync(
                            WatchBlocks.CsvRow(number, fetchedAt, PortfolioCsv.Row(position, valuation.BaseCurrency))
                        )
                        .ConfigureAwait(false);
                }
                break;
            default:
                // Redrawn in place where the terminal can move its cursor; appended elsewhere.
                var inPlace = console.IsOutputTerminal && !TerminalEnvironment.IsDumb(console.GetEnvironmentVariable);
                if (inPlace)
                {
                    await output.WriteAsync(HomeAndClear).ConfigureAwait(false);
                }
                var colors = TerminalEnvironment.UseColor(console.IsOutputTerminal, console.GetEnvironmentVariable);
                await PortfolioTable.WriteAsync(report, output, colors, _lastPrices).ConfigureAwait(false);
                foreach (var position in valuation.Positions)
                {
                    if (position.Price is { } price)
                    {
                        _lastPrices[position.Symbol] = price;
                    }
                }
                var at = round.FetchedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var next = nextAt is { } when
                    ? $"next at {when.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC (Ctrl+C stops)"
                    : "last round";
                await output.WriteLineAsync($"round {number} at {at} UTC; {next}").ConfigureAwait(false);
                break;
        }
        await output.FlushAsync().ConfigureAwait(false);
    }
}
