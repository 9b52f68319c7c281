using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>Runs one <c>history</c> batch: fetch, order, write to the chosen target, draw, and pick the exit code.</summary>
internal static class HistoryRun
{
    public static async Task<int> RunAsync(
        HistorySettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var shared = settings.Shared;
        var requested = QuoteClient.NormalizeSymbols(shared.Symbols);
        var progress = Progress(settings, console, requested.Count);
        // What is said on standard error while the bar may run goes through it, above the bar, not into its lines.
        var messages = progress?.Messages ?? console.Error;
        var logger = TextWriterLogger<QuoteClient>.ForRun(messages, shared.Verbose);
        using var client = new QuoteClient(shared.ClientOptions, logger);
        using var verbose = shared.Verbose ? new VerboseSummary(client, console.Time) : null;
        using var cache = QuoteCache.Open(shared.NoCache, shared.Verbose, console);
        var writer = HistoryWriters.Create(settings.Format, settings.Wide, OutputOptions(settings, console));

        console.BatchStarting();
        using var batch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results =
            cache?.GetHistoryAsync(client, shared.ClientOptions.BaseAddress, requested, settings.Request, batch.Token)
            ?? client.GetHistoryAsync(requested, settings.Request, batch.Token);
        if (verbose is not null)
        {
            results = verbose.Observe(results, result => result.Error);
        }
        if (shared.Order == OutputOrder.Input)
        {
            results = InputOrder.Restore(results, requested, result => result.Symbol);
        }
        var summary = new FailureSummary();
        results = Advice.Add(summary.Observe(results, result => result.Symbol, result => result.Error));
        if (settings.Wide)
        {
            // The wide file has one close column per symbol and no room for reasons: they go to standard error.
            results = ReportFailures(results, messages);
        }
        var plot = settings.PlotPath is null ? null : new PlotCollector(settings.Exact);
        if (plot is not null)
        {
            results = plot.Collect(results);
        }

        var failedFiles = 0;
        try
        {
            failedFiles = await WriteAsync(settings, console, writer, results, progress, messages)
                .ConfigureAwait(false);
        }
        catch (OutputException)
        {
            await batch.CancelAsync().ConfigureAwait(false);
            throw;
        }

        if (plot is not null && settings.PlotPath is { } plotPath)
        {
            await plot.SaveAsync(plotPath, PlotTitle(settings.Request, plot.Histories), console.Error)
                .ConfigureAwait(false);
        }
        if (verbose is not null)
        {
            await console.Error.WriteLineAsync(verbose.Line(cache?.RequestsSaved)).ConfigureAwait(false);
        }
        return await BatchEnd
            .ExitCodeAsync(console, client, summary, cancellationToken, failedFiles)
            .ConfigureAwait(false);
    }

    private static string PlotTitle(HistoryRequest request, IReadOnlyList<PriceHistory> histories)
    {
        var symbols = string.Join(", ", histories.Take(4).Select(history => history.Symbol));
        if (histories.Count > 4)
        {
            symbols += $" and {histories.Count - 4} more";
        }
        var span = request.Range is { } range
            ? HistoryWireNames.Of(range)
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{request.Start:yyyy-MM-dd} to {(request.End is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "today")}"
            );
        return $"{UntrustedText.ForTerminal(symbols)}: close, {span}, {HistoryWireNames.Of(request.Interval)} bars";
    }

    private static HistoryOutputOptions OutputOptions(HistorySettings settings, CliConsole console) =>
        new()
        {
            Exact = settings.Exact,
            Events = settings.Request.IncludeEvents,
            Intraday = HistoryWireNames.IsIntraday(settings.Request.Interval),
            // Colours only where a person reads them: a table on a terminal, never in a file.
            Colors =
                settings.OutputPath is null
                && TerminalEnvironment.UseColor(console.IsOutputTerminal, console.GetEnvironmentVariable),
            Width = settings.OutputPath is null
                ? TerminalEnvironment.TableWidth(console.Width, console.GetEnvironmentVariable)
                : CliConsole.UnboundedWidth,
        };

    /// <returns>How many symbols' files were not written (their paths were refused).</returns>
    private static async Task<int> WriteAsync(
        HistorySettings settings,
        CliConsole console,
        IHistoryWriter writer,
        IAsyncEnumerable<HistoryResult> results,
        HistoryProgress? progress,
        TextWriter messages
    )
    {
        if (settings.OutputPath is null)
        {
            if (progress is not null && console.IsOutputTerminal)
            {
                // The rows would tear through the bar: gather under the bar, then print.
                var collected = await progress.CollectAsync(results).ConfigureAwait(false);
                await writer.WriteAsync(collected.ToAsyncEnumerable(), console.Out).ConfigureAwait(false);
                return 0;
            }
            await Track(progress, results, tracked => writer.WriteAsync(tracked, console.Out)).ConfigureAwait(false);
            return 0;
        }
        if (!HistoryTargets.IsPerSymbol(settings.OutputPath))
        {
            await Track(progress, results, tracked => Files.WriteAsync(writer, tracked, settings.OutputPath))
                .ConfigureAwait(false);
            return 0;
        }
        var refused = 0;
        await Track(
                progress,
                results,
                async tracked =>
                {
                    await foreach (var result in tracked.ConfigureAwait(false))
                    {
                        if (HistoryTargets.PathFor(settings.OutputPath, result.Symbol, out var problem) is not { } path)
                        {
                            refused++;
                            await messages
                                .WriteLineAsync(
                                    $"quotefetch: not writing '{UntrustedText.ForTerminal(result.Symbol)}': "
                                        + UntrustedText.ForTerminal(problem)
                                )
                                .ConfigureAwait(false);
                            continue;
                        }
                        await Files.WriteAsync(writer, One(result), path, makeDirectory: true).ConfigureAwait(false);
                    }
                }
            )
            .ConfigureAwait(false);
        return refused;
    }

    /// <summary>
    /// A bar on a terminal's standard error while the batch runs, for any format (history bodies take a while), unless
    /// -v logs there or the terminal cannot move its cursor. Null when not wanted.
    /// </summary>
    private static HistoryProgress? Progress(HistorySettings settings, CliConsole console, int total) =>
        console.IsErrorTerminal
        && !settings.Shared.Verbose
        && !TerminalEnvironment.IsDumb(console.GetEnvironmentVariable)
        && (settings.OutputPath is not null || !console.IsOutputTerminal || settings.Format == OutputFormat.Table)
            ? new HistoryProgress(FetchProgress.ForTerminal(console), total)
            : null;

    private static Task Track(
        HistoryProgress? progress,
        IAsyncEnumerable<HistoryResult> results,
        Func<IAsyncEnumerable<HistoryResult>, Task> write
    ) => progress is null ? write(results) : progress.RunAsync(results, write);

    private static async IAsyncEnumerable<HistoryResult> One(HistoryResult result)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return result;
    }

    private static async IAsyncEnumerable<HistoryResult> ReportFailures(
        IAsyncEnumerable<HistoryResult> results,
        TextWriter error
    )
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            if (result.Error is { } failure)
            {
                await error
                    .WriteLineAsync(
                        $"quotefetch: {UntrustedText.ForTerminal(result.Symbol)}: {failure.Kind.ToWireName()}: "
                            + UntrustedText.ForTerminal(failure.Message)
                    )
                    .ConfigureAwait(false);
            }
            yield return result;
        }
    }

    private static class Files
    {
        // A file's own I/O errors (disk full, quota) end the run like standard output's do: exit 74, naming the file.
        public static async Task WriteAsync(
            IHistoryWriter writer,
            IAsyncEnumerable<HistoryResult> results,
            string path,
            bool makeDirectory = false
        )
        {
            var file = HistoryTargets.Create(path, makeDirectory);
            try
            {
                await writer.WriteAsync(results, file).ConfigureAwait(false);
                // Closing writes what the file stream still buffers: a full disk often shows only here.
                await file.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not OutputException)
            {
                throw new OutputException($"'{path}': {ex.Message}", ex);
            }
            finally
            {
                await CloseQuietlyAsync(file).ConfigureAwait(false);
            }
        }

        // After a failure the buffered rest cannot be written either; closing must not replace the error being reported.
        private static async Task CloseQuietlyAsync(StreamWriter file)
        {
            try
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException) { }
        }
    }
}
