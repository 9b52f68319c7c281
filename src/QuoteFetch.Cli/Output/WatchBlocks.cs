using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// One block per --watch round off a terminal, flushed at once: NDJSON objects with <c>round</c> and <c>fetchedAt</c>
/// first, CSV rows with <c>round,fetched_at</c> first under one header, or a table per round.
/// </summary>
internal sealed class WatchBlocks(OutputFormat format, FetchSettings settings, CliConsole console)
{
    private bool _headerWritten;

    public async Task WriteAsync(WatchRound round, IReadOnlyList<QuoteResult> results)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(results);
        var output = console.Out;
        var fetchedAt = round.FetchedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var number = round.Number.ToString(CultureInfo.InvariantCulture);
        switch (format)
        {
            case OutputFormat.Ndjson:
                foreach (var result in results)
                {
                    // The quote's own object, with the round's two fields in front.
                    var json = JsonQuoteWriter.Serialize(result);
                    await output
                        .WriteLineAsync($"{{\"round\":{number},\"fetchedAt\":\"{fetchedAt}\",{json[1..]}")
                        .ConfigureAwait(false);
                }
                break;
            case OutputFormat.Csv:
                var csv = new CsvQuoteWriter(settings.Decimals);
                if (!_headerWritten)
                {
                    await output.WriteLineAsync("round,fetched_at," + CsvQuoteWriter.Header).ConfigureAwait(false);
                    _headerWritten = true;
                }
                foreach (var result in results)
                {
                    await output.WriteLineAsync($"{number},{fetchedAt},{csv.FormatRow(result)}").ConfigureAwait(false);
                }
                break;
            default:
                await output.WriteLineAsync($"round {number} at {fetchedAt}").ConfigureAwait(false);
                await FetchCommand
                    .CreateWriter(settings, console)
                    .WriteAsync(results.ToAsyncEnumerable(), output)
                    .ConfigureAwait(false);
                break;
        }
        await output.FlushAsync().ConfigureAwait(false);
    }
}
