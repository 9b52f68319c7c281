using System.Buffers;
using System.Net;

namespace QuoteFetch;

/// <summary>
/// A chart answer's body read whole into one pooled buffer (at most <see cref="ChartResponseReader.MaxBodyBytes"/>),
/// or why it could not be kept: too large, or not what its <c>Content-Encoding</c> says. Reading it is part of the
/// attempt, so a reset or a stall mid-body is retried like one before the headers.
/// </summary>
internal sealed class BufferedBody : HttpContent
{
    private const int FirstBufferBytes = 16 * 1024;

    private byte[]? _buffer;
    private readonly int _length;

    private BufferedBody(HttpContent original, byte[]? buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        // The only content header the reader looks at, kept as a string: filling Headers would cost a header
        // collection per symbol.
        MediaType = original.Headers.ContentType?.MediaType;
    }

    /// <summary>The original Content-Type's media type, or null when there was none. <see cref="HttpContent.Headers"/> stays empty.</summary>
    public string? MediaType { get; }

    /// <summary>The body was larger than the cap: only the cap and one byte were read.</summary>
    public bool TooLarge { get; private init; }

    /// <summary>The bytes did not decompress as the <c>Content-Encoding</c> says.</summary>
    public bool NotDecompressed { get; private init; }

    /// <summary>The <c>Content-Encoding</c> HttpClient undid (it hides the header), when it is known.</summary>
    public (string Token, string Name)? Encoding { get; private init; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>Reads <paramref name="content"/> whole, up to the cap, and disposes it.</summary>
    /// <exception cref="BodyReadException">The connection failed while the body was read.</exception>
    /// <exception cref="OperationCanceledException">The attempt's time ran out or the batch was stopped.</exception>
    public static async ValueTask<BufferedBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var original = content;
        var encoding = Decompression(content);
        var declared = content.Headers.ContentLength;
        if (declared > ChartResponseReader.MaxBodyBytes)
        {
            return new BufferedBody(content, null, 0) { TooLarge = true, Encoding = encoding };
        }
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } length ? (int)length + 1 : FirstBufferBytes);
        try
        {
            var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var read = 0;
            // Reads one byte past the cap at most, so a body of exactly the cap passes and a longer one is caught.
            while (read <= ChartResponseReader.MaxBodyBytes)
            {
                if (read == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(
                        Math.Min(buffer.Length * 2, ChartResponseReader.MaxBodyBytes + 1)
                    );
                    buffer.AsSpan(0, read).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int n;
                try
                {
                    n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                }
                // Bytes that are not what Content-Encoding says: GZipStream and DeflateStream throw
                // InvalidDataException, BrotliStream InvalidOperationException. Asking again would not change them.
                catch (Exception ex)
                    when (ex is InvalidDataException
                        || (ex is InvalidOperationException and not ObjectDisposedException && encoding is not null)
                    )
                {
                    return new BufferedBody(content, null, 0) { NotDecompressed = true, Encoding = encoding };
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new BodyReadException(ex);
                }
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            if (read > ChartResponseReader.MaxBodyBytes)
            {
                return new BufferedBody(content, null, 0) { TooLarge = true, Encoding = encoding };
            }
            var kept = new BufferedBody(content, buffer, read) { Encoding = encoding };
            buffer = null; // the body owns it now
            return kept;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer ?? [], 0, _length);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        base.Dispose(disposing);
    }

    // HttpClient decompresses on its own and hides the Content-Encoding it undid; the content's type still tells.
    private static (string Token, string Name)? Decompression(HttpContent content) =>
        content.GetType().Name switch
        {
            "GZipDecompressedContent" => ("gzip", "gzip"),
            "DeflateDecompressedContent" => ("deflate", "deflate"),
            "BrotliDecompressedContent" => ("br", "Brotli"),
            _ => null,
        };
}

/// <summary>The connection failed while a body was read, after the headers: transient, retried like a reset.</summary>
internal sealed class BodyReadException(Exception inner)
    : HttpRequestException("the connection failed while reading the body", inner);
