using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// Turns Ctrl+C, SIGTERM and SIGHUP into cancellation: once the batch has started, the first one stops it so what
/// arrived can still be printed, and a second one means the user wants out now and exits at once. Before the batch
/// starts (while symbols are still being read, say from a pipe that never ends) there is nothing to print, and the
/// first one exits at once: <c>timeout</c>, systemd and docker send only one.
/// </summary>
/// <remarks>
/// SIGQUIT keeps its default action (quit with a core dump, no output): it is Ctrl+\, the user's way to stop a
/// program without any clean-up and to get a core file to debug it, and a tool that handled it would take that away.
/// </remarks>
internal sealed class Interrupts(Action<int> exitNow) : IDisposable
{
    private static readonly PosixSignal[] Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _batchStarted;

    public CancellationToken Token => _cancellation.Token;

    public Interrupts Register()
    {
        foreach (var signal in Signals)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
        return this;
    }

    /// <summary>From now on a first signal cancels the batch instead of ending the process.</summary>
    public void BatchStarted() => _batchStarted = true;

    public void OnSignal(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_batchStarted || _cancellation.IsCancellationRequested)
        {
            exitNow(ExitCodes.Interrupted);
            return;
        }
        context.Cancel = true;
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        _registrations.ForEach(registration => registration.Dispose());
        _cancellation.Dispose();
    }
}
