using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// One block per --watch round off a terminal, flushed at once: NDJSON objects with <c>round</c> and <c>fetchedAt</c>
/// first, CSV rows with <c>round,fetched_at</c> first under one header, or a table per round.
/// </summary>
internal sealed class WatchBlocks(OutputFormat format, FetchSettings settings, CliConsole console)
{
    /// <summary>The CSV header's leading columns, before the rows' own header.</summary>
    public const string CsvHeaderPrefix = "round,fetched_at,";

    private bool _headerWritten;

    /// <summary>The round's fetch time as NDJSON, CSV and the table heading show it.</summary>
    public static string FetchedAt(WatchRound round) =>
        round.FetchedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>An NDJSON line: <paramref name="json"/>'s own object with <c>round</c> and <c>fetchedAt</c> in front.</summary>
    public static string JsonLine(string number, string fetchedAt, string json) =>
        $"{{\"round\":{number},\"fetchedAt\":\"{fetchedAt}\",{json[1..]}";

    /// <summary>A CSV row with the round's two columns in front.</summary>
    public static string CsvRow(string number, string fetchedAt, string row) => $"{number},{fetchedAt},{row}";

    public async Task WriteAsync(WatchRound round, IReadOnlyList<QuoteResult> results)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(results);
        var output = console.Out;
        var fetchedAt = FetchedAt(round);
        var number = round.Number.ToString(CultureInfo.InvariantCulture);
        switch (format)
        {
            case OutputFormat.Ndjson:
                foreach (var result in results)
                {
                    await output
                        .WriteLineAsync(JsonLine(number, fetchedAt, JsonQuoteWriter.Serialize(result)))
                        .ConfigureAwait(false);
                }
                break;
            case OutputFormat.Csv:
                var csv = new CsvQuoteWriter(settings.Decimals);
                if (!_headerWritten)
                {
                    await output.WriteLineAsync(CsvHeaderPrefix + CsvQuoteWriter.Header).ConfigureAwait(false);
                    _headerWritten = true;
                }
                foreach (var result in results)
                {
                    await output.WriteLineAsync(CsvRow(number, fetchedAt, csv.FormatRow(result))).ConfigureAwait(false);
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
