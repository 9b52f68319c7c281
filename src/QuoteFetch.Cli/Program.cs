using QuoteFetch.Cli;

// First: a standard descriptor the parent closed may already hold one of the runtime's files.
StandardStreams.Inspect();
using var interrupts = new Interrupts(Environment.Exit).Register();

var console = CliConsole.FromProcess() with
{
    BatchStarting = interrupts.BatchStarted,
    // Nobody is left to read the results: stop at once, quietly, as a program killed by SIGPIPE would.
    ResultsToStandardOutput = () => StandardStreams.WatchForReaderGone(() => Environment.Exit(ExitCodes.BrokenPipe)),
};
return await QuoteFetchApp.RunAsync(args, console, interrupts.Token);
