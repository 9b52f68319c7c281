using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// Opens standard input, output and error so that a closed or broken one is an ordinary outcome, never a hang or an
/// abort: a closed input reads as empty, a closed output is an I/O error, a closed error stream swallows text.
/// </summary>
internal static class StandardStreams
{
    // Opened onto a descriptor the parent left closed, so nothing opened later lands there; never closed.
    private static readonly List<Microsoft.Win32.SafeHandles.SafeFileHandle> Placeholders = [];

    private static bool[] _inherited = [true, true, true];

    /// <summary>
    /// Records which of descriptors 0–2 the parent passed on. Call first thing in <c>Main</c>: a descriptor the parent
    /// closed may already hold one of the runtime's own files (with <c>&lt;&amp;-</c>, its signal pipe, so reading
    /// "standard input" swallowed the signals), and must never be read or written as a standard stream.
    /// </summary>
    public static void Inspect()
    {
        if (!Posix.IsSupported)
        {
            return;
        }
        _inherited = [.. Enumerable.Range(0, 3).Select(Posix.IsInherited)];
        for (var descriptor = 0; descriptor < 3; descriptor++)
        {
            // open() takes the lowest free descriptor, so this fills the gap from the bottom up.
            if (Posix.IsClosed(descriptor))
            {
                try
                {
                    Placeholders.Add(File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A sandbox without /dev/null: the gap stays, and the stream is still never used.
                    return;
                }
            }
        }
    }

    // Console.In sets a terminal up for key input (it writes "keypad on", ESC[?1h ESC=, and never undoes it), so it is
    // touched only when symbols are really read from standard input.
    public static TextReader OpenInput() =>
        _inherited[Posix.StandardInput] ? new LazyReader(() => Console.In) : TextReader.Null;

    private sealed class LazyReader(Func<TextReader> open) : TextReader
    {
        private readonly Lazy<TextReader> _reader = new(open);

        public override int Peek() => _reader.Value.Peek();

        public override int Read() => _reader.Value.Read();

        public override int Read(char[] buffer, int index, int count) => _reader.Value.Read(buffer, index, count);

        public override int Read(Span<char> buffer) => _reader.Value.Read(buffer);

        public override string? ReadLine() => _reader.Value.ReadLine();

        public override string ReadToEnd() => _reader.Value.ReadToEnd();
    }

    public static Stream OpenOutput() =>
        Posix.IsSupported
            ? new DescriptorStream(Posix.StandardOutput, _inherited[Posix.StandardOutput], dropFailures: false)
            : Console.OpenStandardOutput();

    public static TextWriter OpenError() =>
        Posix.IsSupported
            ? TextWriter.Synchronized(
                new StreamWriter(
                    new DescriptorStream(Posix.StandardError, _inherited[Posix.StandardError], dropFailures: true),
                    new UTF8Encoding(false),
                    1024
                )
                {
                    AutoFlush = true,
                }
            )
            : Console.Error;

    /// <summary>
    /// When standard output is a pipe, calls <paramref name="onReaderGone"/> as soon as its reader has gone, even if
    /// nothing is being written: in input order nothing is written until the last result is in, and a batch at
    /// <c>--rate 100</c> would run on for minutes for nobody.
    /// </summary>
    public static void WatchForReaderGone(Action onReaderGone)
    {
        if (!Posix.IsSupported || !_inherited[Posix.StandardOutput] || !Console.IsOutputRedirected)
        {
            return;
        }
        var watcher = new Thread(() =>
        {
            // A file or /dev/null never reports an error or hang-up, so this waits for good; a pipe reports an
            // error once its last reader has closed it.
            if ((Posix.WaitFor(Posix.StandardOutput, 0) & (Posix.PollError | Posix.PollHangUp)) != 0)
            {
                onReaderGone();
            }
        })
        {
            IsBackground = true,
            Name = "stdout reader watch",
        };
        watcher.Start();
    }
}
