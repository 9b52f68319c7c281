using System.Runtime.InteropServices;

namespace QuoteFetch.Cli;

/// <summary>
/// A write-only stream straight onto a standard descriptor. Unlike .NET's console stream, which reports a write to a
/// broken pipe as a success, it says what happened: standard output throws <see cref="OutputException"/>, and
/// standard error, where there is nobody left to tell, drops the text.
/// </summary>
internal sealed class DescriptorStream(int descriptor, bool isOpen, bool dropFailures) : Stream
{
    private bool _failed = !isOpen && dropFailures;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_failed)
        {
            return;
        }
        if (!isOpen)
        {
            throw new OutputException("standard output is closed");
        }
        var error = Posix.WriteAll(descriptor, buffer);
        if (error == 0)
        {
            return;
        }
        if (dropFailures)
        {
            _failed = true;
            return;
        }
        throw new OutputException(Marshal.GetPInvokeErrorMessage(error), isBrokenPipe: error == Posix.BrokenPipe);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Writes to a pipe or terminal block either way; doing it inline keeps the order and spares a thread hop.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
