using System.Runtime.InteropServices;
using QuoteFetch.Cli;

using var interrupted = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await QuoteFetchApp.RunAsync(args, CliConsole.FromProcess(), interrupted.Token);

// First signal: stop, print what arrived, exit 130. A second one: the user means it, exit at once.
void Interrupt(PosixSignalContext context)
{
    if (interrupted.IsCancellationRequested)
    {
        Environment.Exit(ExitCodes.Interrupted);
    }
    context.Cancel = true;
    interrupted.Cancel();
}
