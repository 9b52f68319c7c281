namespace QuoteFetch.Cli.Tests.Input;

/// <summary>
/// A read-only stream that makes up its bytes as it is read, with no end: /dev/zero, /dev/urandom or <c>yes</c> in
/// process. Past <paramref name="guard"/> bytes it throws, so a reader that never stops fails the test instead of
/// filling the machine's memory.
/// </summary>
internal sealed class GeneratedStream(Func<long, byte> byteAt, long guard = 16 * 1024 * 1024) : Stream
{
    public long BytesRead { get; private set; }

    public static GeneratedStream Zeros() => new(_ => 0);

    public static GeneratedStream RandomBytes(int seed)
    {
        var random = new Random(seed);
        return new GeneratedStream(_ => (byte)random.Next(256));
    }

    /// <summary>The same text over and over, like <c>yes AAPL</c>.</summary>
    public static GeneratedStream Repeating(string text, long guard = 16 * 1024 * 1024)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return new GeneratedStream(position => bytes[position % bytes.Length], guard);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (BytesRead >= guard)
        {
            throw new IOException($"the reader went on past {guard} bytes of an endless stream");
        }
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = byteAt(BytesRead + i);
        }
        BytesRead += buffer.Length;
        return buffer.Length;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
