using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// Turns Ctrl+C and SIGTERM into cancellation: the first one stops the batch so what arrived can still be
/// printed; a second one means the user wants out now, and exits at once.
/// </summary>
internal sealed class Interrupts(Action<int> exitNow) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CancellationToken Token => _cancellation.Token;

    public Interrupts Register()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        return this;
    }

    public void OnSignal(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_cancellation.IsCancellationRequested)
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
