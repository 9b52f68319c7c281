namespace QuoteFetch.Cli;

/// <summary>
/// Keeps the histories --plot will draw as they pass to the writer: at most <see cref="HistoryTargets.MaxPlotLines"/>,
/// in output order, so the streaming outputs stay streaming and memory stays bounded however many symbols run.
/// </summary>
/// <param name="exact">Draw Yahoo's exact prices rather than the ones rounded to the price hint, as the other outputs do.</param>
internal sealed class PlotCollector(bool exact)
{
    private readonly List<PriceHistory> _histories = [];
    private readonly List<string> _leftOut = [];

    public async IAsyncEnumerable<HistoryResult> Collect(IAsyncEnumerable<HistoryResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        await foreach (var result in results.ConfigureAwait(false))
        {
            if (result.History is { Bars.Count: > 0 } history)
            {
                if (_histories.Count < HistoryTargets.MaxPlotLines)
                {
                    _histories.Add(exact ? history : history.Clean());
                }
                else
                {
                    _leftOut.Add(result.Symbol);
                }
            }
            yield return result;
        }
    }

    public IReadOnlyList<PriceHistory> Histories => _histories;

    /// <summary>Draws what was kept; says on standard error what was left out, and when there was nothing to draw.</summary>
    /// <exception cref="OutputException">The picture could not be written.</exception>
    public async Task SaveAsync(string path, string title, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_leftOut.Count > 0)
        {
            await error
                .WriteLineAsync(
                    $"quotefetch: --plot draws at most {HistoryTargets.MaxPlotLines} symbols; left out "
                        + $"{_leftOut.Count}: {UntrustedText.ForTerminal(string.Join(' ', _leftOut.Take(5)))}"
                        + (_leftOut.Count > 5 ? " …" : "")
                )
                .ConfigureAwait(false);
        }
        if (_histories.Count == 0)
        {
            // The picture is still written (saying so): an older one at that path must not pass for this run's.
            await error
                .WriteLineAsync($"quotefetch: no symbol has bars to draw; '{path}' says so")
                .ConfigureAwait(false);
        }
        try
        {
            HistoryPlot.Save(_histories, path, title);
        }
        catch (Exception ex)
            when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException
                && ex is not OutputException
            )
        {
            // PlatformNotSupportedException: SkiaSharp's native library is missing (an AOT binary copied alone).
            throw new OutputException($"'{path}': {ex.Message}", ex);
        }
    }
}
