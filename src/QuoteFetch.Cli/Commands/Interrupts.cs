using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// Turns Ctrl+C, SIGTERM and SIGHUP into cancellation: once the batch has started, the first one stops it so what
/// arrived can still be printed, and a second one means the user wants out now and exits at once. Before the batch
/// starts (while symbols are still being read, say from a pipe that never ends) there is nothing to print, and the
/// first one exits at once: <c>timeout</c>, systemd and docker send only one. If the wind-down after the first
/// signal outlasts <see cref="WindDownGrace"/> (the output is blocked), the process exits then.
/// </summary>
/// <remarks>
/// SIGQUIT keeps its default action (quit with a core dump, no output): it is Ctrl+\, the user's way to stop a
/// program without any clean-up and to get a core file to debug it, and a tool that handled it would take that away.
/// </remarks>
internal sealed class Interrupts(Action<int> exitNow, TimeProvider? timeProvider = null) : IDisposable
{
    /// <summary>
    /// How long printing what arrived may take after the first signal. It takes milliseconds, unless the output is
    /// blocked (a reader that stopped reading): then one signal must still end the run, as README promises.
    /// </summary>
    public static readonly TimeSpan WindDownGrace = TimeSpan.FromSeconds(5);

    private static readonly PosixSignal[] Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _batchStarted;
    private ITimer? _windDown;

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
        _windDown = (timeProvider ?? TimeProvider.System).CreateTimer(
            _ => exitNow(ExitCodes.Interrupted),
            null,
            WindDownGrace,
            Timeout.InfiniteTimeSpan
        );
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        _registrations.ForEach(registration => registration.Dispose());
        _windDown?.Dispose();
        _cancellation.Dispose();
    }
}
