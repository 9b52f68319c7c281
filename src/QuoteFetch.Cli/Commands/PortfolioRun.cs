using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// Runs one <c>portfolio</c>: read the holdings (bad rows reported as FILE:LINE), value them in one batch, write, and
/// pick the exit code.
/// </summary>
internal static class PortfolioRun
{
    public static async Task<int> RunAsync(
        PortfolioSettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var file = HoldingsReader.Read(settings.HoldingsPath, console);
        foreach (var problem in file.Errors.Concat(file.Notes).OrderBy(problem => problem.Line))
        {
            await console.Error.WriteLineAsync(file.Located(problem)).ConfigureAwait(false);
        }
        if (settings.Strict && file.Errors.Count > 0)
        {
            throw new UsageException(
                $"{Rows(file.Errors.Count, "bad row")} in {UntrustedText.ForTerminal(file.Name)}; nothing was fetched",
                "fix them, or drop --strict to value the valid rows"
            );
        }
        if (file.Rows.Count == 0)
        {
            throw new UsageException(
                $"{UntrustedText.ForTerminal(file.Name)} has no valid rows",
                "each row needs a symbol and a quantity, under a header such as symbol,quantity,cost"
            );
        }

        var shared = settings.Shared;
        var logger = TextWriterLogger<QuoteClient>.ForRun(console.Error, shared.Verbose);
        using var client = new QuoteClient(shared.ClientOptions, logger);
        using var verbose = shared.Verbose ? new VerboseSummary(client, console.Time) : null;
        console.BatchStarting();
        if (settings.Watch is { } interval)
        {
            return await new PortfolioWatch(settings, file, console)
                .RunAsync(client, interval, cancellationToken)
                .ConfigureAwait(false);
        }
        var valuation = await client
            .ValuePortfolioAsync(file.Rows.Select(row => row.Holding), settings.BaseCurrency, cancellationToken)
            .ConfigureAwait(false);
        var report = PortfolioReport.Create(valuation, file, settings.Sort);
        switch (settings.Format)
        {
            case OutputFormat.Json:
                await PortfolioJson.WriteAsync(report, console.Out).ConfigureAwait(false);
                break;
            case OutputFormat.Ndjson:
                foreach (var position in report.Positions)
                {
                    await console
                        .Out.WriteLineAsync(
                            PortfolioJson.Line(position, report.LinesOf(position.Symbol), valuation.BaseCurrency)
                        )
                        .ConfigureAwait(false);
                }
                await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                break;
            case OutputFormat.Csv:
                await PortfolioCsv.WriteAsync(report, console.Out).ConfigureAwait(false);
                break;
            default:
                await PortfolioTable
                    .WriteAsync(
                        report,
                        console.Out,
                        TerminalEnvironment.UseColor(console.IsOutputTerminal, console.GetEnvironmentVariable)
                    )
                    .ConfigureAwait(false);
                break;
        }

        if (settings.PlotPath is { } plotPath)
        {
            try
            {
                PortfolioPlot.Save(valuation, plotPath);
            }
            catch (Exception ex)
                when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException
                    && ex is not OutputException
                )
            {
                throw new OutputException($"'{plotPath}': {ex.Message}", ex);
            }
        }
        if (verbose is not null)
        {
            foreach (var rate in valuation.Rates)
            {
                await console
                    .Error.WriteLineAsync(
                        $"quotefetch: {UntrustedText.ForTerminal(rate.From)} to {rate.To}: {PortfolioNumbers.Exact(rate.Rate).ToString(CultureInfo.InvariantCulture)} "
                            + $"from {UntrustedText.ForTerminal(rate.Pair)}"
                            + (rate.Inverted ? ", inverted (the direct pair had no price)" : "")
                            + (rate.Via is { } via ? $", a cross through {via} (no direct or inverse pair priced)" : "")
                    )
                    .ConfigureAwait(false);
            }
            await foreach (
                var _ in verbose
                    .Observe(valuation.Positions.ToAsyncEnumerable(), position => position.Error)
                    .ConfigureAwait(false)
            ) { }
            await console.Error.WriteLineAsync(verbose.Line()).ConfigureAwait(false);
        }
        // Every position failed the same way: a wrong --base-url or a throttled client, said once. A position whose
        // price arrived was fetched; what it lacks (a rate, a value decimal can hold) is in its row and the total.
        var summary = new FailureSummary();
        foreach (var position in valuation.Positions)
        {
            summary.Add(position.Symbol, position.Price is null ? position.Error : null);
        }
        var exitCode = await BatchEnd.ExitCodeAsync(console, client, summary, cancellationToken).ConfigureAwait(false);
        if (exitCode is ExitCodes.Interrupted or ExitCodes.Unavailable)
        {
            return exitCode;
        }
        var excluded = valuation.Total.Excluded;
        if (excluded.Count > 0 && settings.Format != OutputFormat.Table)
        {
            // The table says it under the rows; other formats are read by programs, so people hear it here.
            await console
                .Error.WriteLineAsync(
                    $"quotefetch: the total leaves out {excluded.Count} of {valuation.Positions.Count} positions "
                        + $"(no price or no rate): {string.Join(", ", excluded.Take(10).Select(UntrustedText.ForTerminal))}"
                        + (excluded.Count > 10 ? $" and {excluded.Count - 10} more" : "")
                )
                .ConfigureAwait(false);
        }
        if (file.Errors.Count > 0)
        {
            await console
                .Error.WriteLineAsync(
                    $"quotefetch: {Rows(file.Errors.Count, "bad row")} left out of "
                        + $"{UntrustedText.ForTerminal(file.Name)} (see above; --strict stops instead)"
                )
                .ConfigureAwait(false);
        }
        return excluded.Count == 0 && file.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    private static string Rows(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";
}
