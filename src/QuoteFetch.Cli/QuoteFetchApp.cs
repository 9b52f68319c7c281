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
        // Until the batch starts, an ArgumentException can only come from the options being bound and checked.
        var batchStarted = false;
        var outer = console.BatchStarting;
        console = console with
        {
            BatchStarting = () =>
            {
                batchStarted = true;
                outer();
            },
        };
        var command = new FetchCommand(console);
        if (args.Length > 0 && args[0] == Completion.Request)
        {
            Completion.Complete(command.Root, args[1..], console.Out);
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        var parse = command.Parse(args);
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
        catch (ArgumentException ex) when (!batchStarted)
        {
            // QuoteClientOptions.Validate: the command line's own checks should have caught it first. Once the batch
            // has started, an ArgumentException is no fault of the command line: it falls through to the bug report.
            return UsageError(console, ex.Message, "run 'quotefetch --help' for the options");
        }
        catch (OutputException ex) when (ex.IsBrokenPipe)
        {
            // The reader has what it wanted (| head -1); a message would only clutter the terminal.
            return ExitCodes.BrokenPipe;
        }
        catch (OutputException ex)
        {
            await console.Error.WriteLineAsync($"quotefetch: cannot write the output: {ex.Message}");
            return ExitCodes.IoError;
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
