using System.Runtime.InteropServices;
using QuoteFetch.FakeYahoo;

if (StandaloneArguments.IsHelp(args))
{
    Console.WriteLine(StandaloneArguments.Usage);
    return 0;
}

FakeYahooOptions options;
try
{
    options = StandaloneArguments.Parse(args);
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync(error.Message + Environment.NewLine + StandaloneArguments.Usage);
    return 2;
}

FakeYahooServer server;
try
{
    server = await FakeYahooServer.StartAsync(options, logToConsole: true, CancellationToken.None);
}
catch (IOException error)
{
    // Typically the port is taken: one line, not a stack trace.
    await Console.Error.WriteLineAsync(error.Message);
    return 1;
}

await using var stopOnExit = server;

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

Console.WriteLine($"Fake Yahoo listening on {server.BaseAddress.GetLeftPart(UriPartial.Authority)} (Ctrl+C to stop)");
await stop.Task;
return 0;

void Stop(PosixSignalContext context)
{
    // Cancel the default exit so the server stops gracefully through `await using`.
    context.Cancel = true;
    stop.TrySetResult();
}
