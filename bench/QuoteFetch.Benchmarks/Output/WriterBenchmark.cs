using System.Text;
using BenchmarkDotNet.Attributes;
using QuoteFetch.Cli;

namespace QuoteFetch.Benchmarks;

/// <summary>
/// Each output format over 10,000 results, written as the CLI writes them: one buffered UTF-8 StreamWriter
/// (64 KiB, as CliConsole.FromProcess) over <see cref="Stream.Null"/>, so only formatting and encoding are measured.
/// </summary>
[MemoryDiagnoser]
// Public and not sealed: BenchmarkDotNet generates a runner class that derives from it.
public class WriterBenchmark
{
    public const int Count = 10_000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private QuoteResult[] _results = [];

    [GlobalSetup]
    public void Setup() => _results = Results.Create(Count);

    [Benchmark]
    public Task Csv() => WriteAsync(new CsvQuoteWriter(decimals: null));

    [Benchmark]
    public Task Json() => WriteAsync(new JsonQuoteWriter());

    /// <summary>Flushes after every line (the format's promise to a pipe), so this also counts 10,000 flushes.</summary>
    [Benchmark]
    public Task Ndjson() => WriteAsync(new NdjsonQuoteWriter());

    /// <summary>
    /// The table as the CLI draws 10,000 rows: above <see cref="TableQuoteWriter.PlainThreshold"/> rows, line by line
    /// (<see cref="PlainTable"/>), with colours as on a terminal.
    /// </summary>
    [Benchmark]
    public Task Table() => WriteAsync(new TableQuoteWriter(decimals: null, colors: true, CliConsole.UnboundedWidth));

    /// <summary>
    /// The same rows through Spectre.Console, which lays the whole table out in memory before it writes: what the
    /// plain renderer replaces above the threshold.
    /// </summary>
    [Benchmark]
    public Task TableSpectre() =>
        WriteAsync(
            new TableQuoteWriter(decimals: null, colors: true, CliConsole.UnboundedWidth, plainAbove: int.MaxValue)
        );

    private async Task WriteAsync(IQuoteWriter writer)
    {
        await using var output = new StreamWriter(Stream.Null, Utf8, 64 * 1024);
        await writer.WriteAsync(Results.AsAsync(_results), output).ConfigureAwait(false);
    }
}
