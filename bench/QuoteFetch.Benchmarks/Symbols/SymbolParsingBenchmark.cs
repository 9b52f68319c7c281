using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace QuoteFetch.Benchmarks;

/// <summary>
/// <c>SymbolParser.Parse</c> over 10,000 inputs as a pasted portfolio looks: mixed case and padding, about 10 %
/// repeats and 5 % invalid, so every branch (upper-casing, dedupe, each refusal message) is in the mix.
/// </summary>
[MemoryDiagnoser]
// Public and not sealed: BenchmarkDotNet generates a runner class that derives from it.
public class SymbolParsingBenchmark
{
    public const int Count = 10_000;

    private string[] _inputs = [];
    private string[] _cleanInputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _inputs = Inputs(Count);
        _cleanInputs = [.. Enumerable.Range(0, Count).Select(i => "SYM" + i.ToString(CultureInfo.InvariantCulture))];
    }

    [Benchmark(Baseline = true)]
    public int Parse() => SymbolParser.Parse(_inputs).Count;

    /// <summary>The same number of inputs, all distinct, valid and already trimmed upper case: the cheapest path.</summary>
    [Benchmark]
    public int ParseClean() => SymbolParser.Parse(_cleanInputs).Count;

    internal static string[] Inputs(int count)
    {
        string[] shapes =
        [
            "aapl",
            "MSFT",
            "brk-b",
            "^gspc",
            "EurUsd=X",
            "btc-usd",
            "vod.l",
            "m&m.ns",
            "GC=F",
            "0p000071w8.to",
        ];
        var inputs = new string[count];
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            inputs[i] = (i % 20) switch
            {
                // Invalid (5 %): a space inside, a character outside Yahoo's alphabet, or longer than 32.
                0 => (i / 20 % 3) switch
                {
                    0 => "bad sym" + n,
                    1 => "X" + n + "$",
                    _ => new string('A', 33) + n,
                },
                // Repeats of an earlier input in another case (10 %).
                1 or 2 when i > 100 => inputs[i - 97].ToLowerInvariant(),
                // Distinct symbols, every 7th padded with spaces and a tab as a pasted column is.
                _ => i % 7 == 0 ? "  " + shapes[i % shapes.Length] + n + "\t" : shapes[i % shapes.Length] + n,
            };
        }
        return inputs;
    }
}
