using System.CommandLine;

namespace QuoteFetch.Cli;

/// <summary>The whole program behind <c>Main</c>: parse, report usage errors in one line, run.</summary>
internal static class QuoteFetchApp
{
    public static async Task<int> RunAsync(
        string[] args,
        CliConsole console,
        CancellationToken cancellationToken = default
    )
    {
        var parse = new FetchCommand(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            return UsageError(console, parse.Errors[0].Message.TrimEnd('.'), "run 'quotefetch --help' for the options");
        }
        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                // Ctrl+C is ours: Program turns it into this token, and the action prints what arrived.
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            var exitCode = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return exitCode;
        }
        catch (UsageException ex)
        {
            return UsageError(console, ex.Message, ex.Hint);
        }
        catch (ArgumentException ex)
        {
            // QuoteClientOptions.Validate: the command line's own checks should have caught it first.
            return UsageError(console, ex.Message, "run 'quotefetch --help' for the options");
        }
#pragma warning disable CA1031 // The last line of defence: even a bug ends in one line and a documented exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync(
                $"quotefetch: unexpected error: {ex.GetType().Name}: {UntrustedText.ForTerminal(ex.Message)} "
                    + "(this is a bug; please report it with the command line)"
            );
            return ExitCodes.InternalError;
        }
    }

    private static int UsageError(CliConsole console, string message, string hint)
    {
        console.Error.WriteLine($"quotefetch: {UntrustedText.ForTerminal(message)} ({hint})");
        return ExitCodes.UsageError;
    }
}
