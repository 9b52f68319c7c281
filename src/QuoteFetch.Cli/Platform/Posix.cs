using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// The few libc calls the standard streams need and .NET does not offer: .NET's console streams pretend a write to a
/// broken pipe succeeded, and it has no way to ask whether a descriptor was inherited or to wait for a pipe's reader
/// to leave.
/// </summary>
internal static class Posix
{
    public const int StandardInput = 0;
    public const int StandardOutput = 1;
    public const int StandardError = 2;

    public const int Interrupted = 4; // EINTR
    public const int BadDescriptor = 9; // EBADF
    public const int BrokenPipe = 32; // EPIPE

    // EAGAIN: 11 on Linux, 35 on the BSDs and macOS.
    public static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;

    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    public static bool IsSupported =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>
    /// Whether <paramref name="descriptor"/> came from the parent process. One the parent left closed is either still
    /// closed or already reused by the runtime for a file of its own, which it opens close-on-exec; an inherited
    /// descriptor never is, since close-on-exec descriptors do not survive <c>exec</c>.
    /// </summary>
    public static bool IsInherited(int descriptor)
    {
        var flags = fcntl(descriptor, GetDescriptorFlags);
        return flags >= 0 && (flags & CloseOnExec) == 0;
    }

    /// <summary>Whether <paramref name="descriptor"/> is closed (not reused by anything yet).</summary>
    public static bool IsClosed(int descriptor) =>
        fcntl(descriptor, GetDescriptorFlags) < 0 && Marshal.GetLastPInvokeError() == BadDescriptor;

    /// <summary>Writes all of <paramref name="bytes"/>; returns 0, or the <c>errno</c> of the write that failed.</summary>
    public static int WriteAll(int descriptor, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var written = write(descriptor, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (written >= 0)
            {
                bytes = bytes[(int)written..];
                continue;
            }
            var error = Marshal.GetLastPInvokeError();
            if (error == WouldBlock)
            {
                // Someone made the descriptor non-blocking (it is shared with the parent): wait until it takes more.
                WaitFor(descriptor, PollOut);
            }
            else if (error != Interrupted)
            {
                return error;
            }
        }
        return 0;
    }

    /// <summary>
    /// Blocks until <paramref name="descriptor"/> reports one of <paramref name="events"/>, an error or a hang-up;
    /// returns what it reported. With no events, it returns only when a pipe's reader has gone (or a socket's peer).
    /// </summary>
    public static short WaitFor(int descriptor, short events)
    {
        var entry = new PollEntry { Descriptor = descriptor, Events = events };
        while (poll(ref entry, 1, -1) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                return 0;
            }
        }
        return entry.ReturnedEvents;
    }

    /// <summary>
    /// The width of the terminal on <paramref name="descriptor"/>, or null when it is not a terminal or reports none.
    /// Console.WindowWidth would answer too, but it first sets the terminal up for key input (keypad mode, ESC[?1h
    /// ESC=) and never undoes it, which a tool that only prints has no business doing.
    /// </summary>
    public static int? TerminalColumns(int descriptor)
    {
        // TIOCGWINSZ: 0x5413 on Linux, 0x40087468 on macOS and the BSDs.
        var request = OperatingSystem.IsLinux() ? 0x5413UL : 0x40087468UL;
        return ioctl(descriptor, request, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

#pragma warning disable SYSLIB1054, CA5392 // Blittable calls into libc itself; LibraryImport would need unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int descriptor, int command);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int descriptor, ref byte bytes, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int descriptor, ulong request, out WindowSize size);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollEntry entries, nuint count, int timeoutMilliseconds);
#pragma warning restore SYSLIB1054, CA5392
}
