namespace QuoteFetch.Cli;

/// <summary>How every batch ends, whatever it fetched: interrupted, unreachable, or a failure count, with its one line.</summary>
internal static class BatchEnd
{
    /// <summary>
    /// Says on standard error what went wrong with the whole batch (the source unreachable, or every symbol failing
    /// alike) and returns the exit code: 130 after Ctrl+C, 69 when the source was unreachable, else 0 or 1.
    /// </summary>
    /// <param name="otherFailures">Failures the summary did not see (e.g. files not written).</param>
    public static async Task<int> ExitCodeAsync(
        CliConsole console,
        QuoteClient client,
        FailureSummary summary,
        CancellationToken cancellationToken,
        int otherFailures = 0
    )
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(summary);
        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        if (client.UnreachableReason is { } reason)
        {
            await console
                .Error.WriteLineAsync(
                    $"quotefetch: the source is unreachable ({UntrustedText.ForTerminal(reason)}); stopped early, "
                        + "the remaining symbols were not sent (check --base-url and the network)"
                )
                .ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        if (summary.Line is { } line)
        {
            await console.Error.WriteLineAsync(line).ConfigureAwait(false);
        }
        return summary.Failures + otherFailures == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }
}
