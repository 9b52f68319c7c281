using System.Diagnostics;
using System.Text;

namespace QuoteFetch.Cli.Tests.Input;

public sealed class SymbolSourceTests
{
    private static CliConsole Console(TextReader stdin) =>
        new(stdin, TextWriter.Null, TextWriter.Null, false, IsInputRedirected: true, _ => null);

    private static IReadOnlyList<string> FromStdin(string text) =>
        SymbolSource.Gather([SymbolSourceItem.File(SymbolSource.StdinPath)], Console(new StringReader(text)));

    [Fact]
    public void Gather_RepeatsCaseAndSeparators_FirstOccurrenceWinsInOrder()
    {
        var symbols = FromStdin(" aapl ,AAPL;msft\r\n# comment, GOOG\n\tgoog # alphabet\nMSFT\n^gspc");

        Assert.Equal(["AAPL", "MSFT", "GOOG", "^GSPC"], symbols);
    }

    [Fact]
    public void Gather_FiveMillionRepeatsOfOneSymbol_HoldsOneAndAllocatesNoStringPerLine()
    {
        using var reader = new StreamReader(
            new LimitedRepeats("AAPL\n", 5_000_000),
            Encoding.UTF8,
            detectEncodingFromByteOrderMarks: false,
            bufferSize: 64 * 1024
        );
        var console = Console(reader);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var symbols = SymbolSource.Gather([SymbolSourceItem.File(SymbolSource.StdinPath)], console);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(["AAPL"], symbols);
        // The line, block and upper-case buffers (about 300 KB); a string per line would be over 100 MB.
        Assert.InRange(allocated, 0, 2 * 1024 * 1024);
    }

    [Fact]
    public void Gather_OneMillionDistinctSymbols_AreAllKept()
    {
        var text = new StringBuilder(9_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            text.Append('S').Append(i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        var watch = Stopwatch.StartNew();

        var symbols = FromStdin(text.ToString());

        Assert.Equal(1_000_000, symbols.Count);
        Assert.Equal("S0999999", symbols[^1]);
        // Generous for a loaded 2-core machine; it takes well under a second.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Gather_LineOfExactlyTheCap_IsRead_AndOneMoreCharacterIsNot()
    {
        var atCap = new string(' ', SymbolSource.MaxLineLength - 4) + "AAPL";

        Assert.Equal(["AAPL", "MSFT"], FromStdin(atCap + "\nMSFT"));
        var error = Assert.Throws<UsageException>(() => FromStdin("MSFT\n" + atCap + " \n"));
        Assert.Equal($"standard input line 2 is longer than {SymbolSource.MaxLineLength} characters", error.Message);
    }

    [Fact]
    public void Gather_LongWordsPastTheTextCap_AreRefused()
    {
        // 600 distinct 60,000-character words: far fewer than the symbol cap, but 36 million characters.
        var words = Enumerable
            .Range(0, 600)
            .Select(i =>
                new string((char)('A' + i % 26), 59_990)
                + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)
            );

        var error = Assert.Throws<UsageException>(() => FromStdin(string.Join('\n', words)));

        Assert.StartsWith(
            $"standard input line 560 brings the list past {SymbolSource.MaxSymbolCharacters} characters",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Gather_NulAfterText_NamesTheLine()
    {
        var error = Assert.Throws<UsageException>(() => FromStdin("AAPL\nMSFT\nGO\0OG\n"));

        Assert.Equal("standard input is not a symbol list: line 3 holds a NUL byte (binary data)", error.Message);
    }

    [Fact]
    public void Gather_HashInACommandLineSymbol_IsPartOfTheSymbolNotAComment()
    {
        // '#' starts a comment in a list file only; on the command line 'A#B' must not quietly become 'A'.
        var symbols = SymbolSource.Gather([SymbolSourceItem.Text("A#B,MSFT")], Console(new StringReader("")));

        Assert.Equal(["A#B", "MSFT"], symbols);
    }

    [Fact]
    public void Gather_CommandLineTextAndFile_KeepTheirOrder()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "VOD.L, AAPL\n");
        try
        {
            var symbols = SymbolSource.Gather(
                [SymbolSourceItem.Text("GOOG,AAPL"), SymbolSourceItem.File(path), SymbolSourceItem.Text("msft")],
                Console(new StringReader(""))
            );

            Assert.Equal(["GOOG", "AAPL", "VOD.L", "MSFT"], symbols);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The same text a given number of times, then the end.</summary>
    private sealed class LimitedRepeats(string text, int times) : Stream
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);
        private readonly long _length = (long)Encoding.UTF8.GetByteCount(text) * times;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _bytes[(_position + i) % _bytes.Length];
            }
            _position += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
