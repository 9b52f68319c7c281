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

    /// <summary>Spectre.Console lays the whole table out in memory before it writes: expect the most time and memory.</summary>
    [Benchmark]
    public Task Table() => WriteAsync(new TableQuoteWriter(decimals: null, colors: false, CliConsole.UnboundedWidth));

    private async Task WriteAsync(IQuoteWriter writer)
    {
        await using var output = new StreamWriter(Stream.Null, Utf8, 64 * 1024);
        await writer.WriteAsync(Results.AsAsync(_results), output).ConfigureAwait(false);
    }
}
