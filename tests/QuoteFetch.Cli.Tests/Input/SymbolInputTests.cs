using System.Text;

namespace QuoteFetch.Cli.Tests.Input;

/// <summary>What the whole command does with hostile or endless symbol input: it ends, in one line, with bounded memory.</summary>
public sealed class SymbolInputTests : FakeYahooTestBase
{
    private async Task<CliRun> RunWithInputAsync(Stream stdin, bool redirected, params string[] args)
    {
        using var reader = new StreamReader(stdin, Encoding.UTF8);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(reader, output, error, false, redirected, _ => null);
        var exitCode = await QuoteFetchApp.RunAsync(
            ["--base-url", Server.BaseAddress.ToString(), "--format", "csv", .. args],
            console
        );
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private static void AssertOneLineUsageError(CliRun run, string message)
    {
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact(Timeout = 30_000)]
    public async Task EndlessZeros_OnStandardInput_IsRefusedAsBinaryAtLineOne()
    {
        var zeros = GeneratedStream.Zeros();

        var run = await RunWithInputAsync(zeros, redirected: true, "-f", "-");

        AssertOneLineUsageError(
            run,
            "quotefetch: standard input is not a symbol list: line 1 holds a NUL byte (binary data)"
        );
        Assert.True(zeros.BytesRead <= 64 * 1024, $"read {zeros.BytesRead} bytes to find a NUL in the first");
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task EndlessRandomBytes_OnStandardInput_IsRefusedAsBinary()
    {
        var noise = GeneratedStream.RandomBytes(seed: 8);

        var run = await RunWithInputAsync(noise, redirected: true, "-f", "-");

        AssertOneLineUsageError(run, "quotefetch: standard input is not a symbol list: line ");
        Assert.Contains("holds a NUL byte (binary data)", run.Error, StringComparison.Ordinal);
        Assert.True(noise.BytesRead <= 64 * 1024, $"read {noise.BytesRead} bytes");
    }

    [Fact(Timeout = 30_000)]
    public async Task EndlessLineWithoutNewline_IsRefusedAtTheLineCap()
    {
        var letters = GeneratedStream.Repeating("AAPL ");

        var run = await RunWithInputAsync(letters, redirected: true, "-f", "-");

        AssertOneLineUsageError(
            run,
            $"quotefetch: standard input line 1 is longer than {SymbolSource.MaxLineLength} characters"
        );
        Assert.True(letters.BytesRead <= 4 * SymbolSource.MaxLineLength, $"read {letters.BytesRead} bytes");
    }

    [Fact(Timeout = 120_000)]
    public async Task EndlessDistinctSymbols_StopAtTheSymbolCap()
    {
        // S0000000, S0000001, ...: every line a new symbol, never a NUL, never a long line.
        var counter = new GeneratedStream(
            position =>
                (byte)(
                    position % 9 == 8 ? '\n'
                    : position % 9 == 0 ? 'S'
                    : '0' + (int)(position / 9 / Pow10(7 - (int)(position % 9))) % 10
                ),
            guard: 64L * 1024 * 1024
        );

        var run = await RunWithInputAsync(counter, redirected: true, "-f", "-");

        AssertOneLineUsageError(
            run,
            $"quotefetch: standard input line {SymbolSource.MaxSymbols + 1} brings the list past {SymbolSource.MaxSymbols} distinct symbols, the most one run takes"
        );
        Assert.Equal(0, Server.RequestCount);
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    [Fact(Timeout = 120_000)]
    public async Task FiveMillionRepeatsOfOneSymbol_AskForItOnce()
    {
        // `yes AAPL | quotefetch -f -`, cut at 5,000,000 lines: an endless stream of one symbol can only end at EOF.
        const int lines = 5_000_000;
        var repeats = GeneratedStream.Repeating("AAPL\n", guard: 5L * lines);
        var finite = new LimitedStream(repeats, 5L * lines);

        var run = await RunWithInputAsync(finite, redirected: true, "-f", "-");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            [
                "symbol,price,currency,exchange,market_time,error_kind,error_message",
                "AAPL,220.00,USD,NMS,2025-03-24T13:51:33+00:00,,",
            ],
            run.OutLines
        );
        Assert.Equal(1, Server.RequestsFor("AAPL"));
    }

    [Fact(Timeout = 30_000)]
    public async Task DevZero_AsAFile_IsRefusedAsBinary()
    {
        var run = await CliRun.RunAsync(["--base-url", Server.BaseAddress.ToString(), "-f", "/dev/zero"]);

        AssertOneLineUsageError(
            run,
            "quotefetch: '/dev/zero' is not a symbol list: line 1 holds a NUL byte (binary data)"
        );
    }

    [Fact]
    public async Task AtFile_IsASymbolNotAResponseFile()
    {
        // System.CommandLine would splice a response file's words into the command line, read whole and unbounded
        // (`quotefetch @/dev/zero` ran out of memory); -f is the one way to read a list, and it is capped.
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "MSFT\n");
        try
        {
            var run = await RunAsync("--format", "csv", "@" + path, "AAPL");

            Assert.Equal(ExitCodes.SomeFailed, run.ExitCode);
            // CSV neutralises the leading '@' a spreadsheet would run.
            Assert.StartsWith(
                "'@" + path.ToUpperInvariant() + ",,,,,invalid-symbol,",
                run.OutLines[1],
                StringComparison.Ordinal
            );
            Assert.StartsWith("AAPL,220.00,", run.OutLines[2], StringComparison.Ordinal);
            Assert.Equal(0, Server.RequestsFor("MSFT"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Directory_AsTheFile_SaysItIsADirectory()
    {
        var directory = Directory.CreateTempSubdirectory("quotefetch-");
        try
        {
            var run = await CliRun.RunAsync(["-f", directory.FullName]);

            AssertOneLineUsageError(
                run,
                $"quotefetch: cannot read symbol file '{directory.FullName}': it is a directory"
            );
        }
        finally
        {
            directory.Delete();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n   \n# another\n")]
    [InlineData(" , ;\n")]
    public async Task FileWithoutSymbols_IsNamedInTheError(string content)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, content);
        try
        {
            var run = await CliRun.RunAsync(["-f", path]);

            AssertOneLineUsageError(run, $"quotefetch: '{path}' has no symbols (only blank or comment lines)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StandardInputWithoutSymbols_IsNamedInTheError()
    {
        var run = await CliRun.RunAsync(["-f", "-"], stdin: "# nothing here\n");

        AssertOneLineUsageError(run, "quotefetch: standard input has no symbols (only blank or comment lines)");
    }

    [Fact]
    public async Task DashFile_OnATerminal_SaysItIsWaitingForSymbols()
    {
        using var typed = new MemoryStream(Encoding.UTF8.GetBytes("AAPL\n"));

        var run = await RunWithInputAsync(typed, redirected: false, "-f", "-");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            "quotefetch: reading symbols from standard input; end with Ctrl+D\n",
            run.Error.ReplaceLineEndings("\n")
        );
    }

    [Fact]
    public async Task DashFile_Piped_SaysNothing()
    {
        using var piped = new MemoryStream(Encoding.UTF8.GetBytes("AAPL\n"));

        var run = await RunWithInputAsync(piped, redirected: true, "-f", "-");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task ArgumentsTickersAndFile_KeepTheOrderGivenOnTheCommandLine()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "VOD.L\nQQQ\n");
        try
        {
            var run = await CliRun.RunAsync([
                "--base-url",
                Server.BaseAddress.ToString(),
                "--format",
                "csv",
                "-t",
                "GOOG",
                "AAPL",
                "-f",
                path,
                "MSFT",
                "-t",
                "ORCL",
            ]);

            Assert.Equal(
                ["GOOG", "AAPL", "VOD.L", "QQQ", "MSFT", "ORCL"],
                run.OutLines.Skip(1).Select(line => line.Split(',')[0])
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ArgumentBeforeTickers_ComesFirst()
    {
        var run = await RunAsync("--format", "csv", "MSFT", "-t", "GOOG", "AAPL");

        Assert.Equal(["MSFT", "GOOG", "AAPL"], run.OutLines.Skip(1).Select(line => line.Split(',')[0]));
    }

    /// <summary>The first <paramref name="length"/> bytes of another stream.</summary>
    private sealed class LimitedStream(Stream inner, long length) : Stream
    {
        private readonly long _length = length;
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _length - _left;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0)
            {
                return 0;
            }
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
