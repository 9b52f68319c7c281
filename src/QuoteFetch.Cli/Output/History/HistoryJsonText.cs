using System.Buffers;
using System.Text;
using System.Text.Json;

namespace QuoteFetch.Cli;

/// <summary>
/// One symbol's <see cref="HistoryRecord"/> as one line of JSON, written into buffers kept from symbol to symbol: a
/// year of daily bars is ~30 kB of text, which as a <c>string</c> per symbol was most of what the JSON outputs
/// allocated. The text is valid until the next <see cref="Write"/>; one writer uses it from one symbol to the next.
/// </summary>
internal sealed class HistoryJsonText : IDisposable
{
    private readonly HistoryOutputOptions _options;
    private readonly ArrayBufferWriter<byte> _utf8 = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private char[] _text = [];

    public HistoryJsonText(HistoryOutputOptions options)
    {
        _options = options;
        // A writer of ours escapes with the serializer's encoder, as the serializer's own writer did: the same
        // untrusted text (symbols, names, error messages) is escaped the same way.
        _writer = new Utf8JsonWriter(
            _utf8,
            new JsonWriterOptions { Encoder = OutputJsonContext.Relaxed.Options.Encoder, SkipValidation = true }
        );
    }

    public ReadOnlyMemory<char> Write(HistoryResult result)
    {
        var record = HistoryRecord.From(result, _options);
        _utf8.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, record, OutputJsonContext.Relaxed.HistoryRecord);
        var utf8 = _utf8.WrittenSpan;
        // UTF-8 never has fewer bytes than UTF-16 has chars.
        if (_text.Length < utf8.Length)
        {
            _text = new char[Math.Max(utf8.Length, _text.Length * 2)];
        }
        var length = Encoding.UTF8.GetChars(utf8, _text);
        return _text.AsMemory(0, length);
    }

    public void Dispose() => _writer.Dispose();
}
