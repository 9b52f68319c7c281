using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace QuoteFetch.Benchmarks;

/// <summary>
/// A history body to a <see cref="PriceHistory"/>: the hand-written <see cref="Utf8JsonReader"/> parser against
/// System.Text.Json source generation (DTOs only, and DTOs mapped to the same bars), with a token scan as the floor.
/// Target (issue 9): a 10-year daily body (~2,520 bars, ~300 KB) in under 1 ms, allocating little beyond the bars.
/// </summary>
[MemoryDiagnoser]
// Public and not sealed: BenchmarkDotNet generates a runner class that derives from it.
public class HistoryParsingBenchmark
{
    private byte[] _body = [];

    /// <summary>The recorded AAPL history (49 bars, 13.5 KB indented) or a generated 10-year daily body.</summary>
    [Params("AAPL hist 49 bars", "synth 10y 2520 bars")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixture.StartsWith("AAPL", StringComparison.Ordinal)
            ? Fixtures.Read("chart-AAPL-history-2020-08-31-to-2020-11-07.json")
            : SyntheticHistory.Daily(2520);
        // A benchmark that measured a failure path would look fast and prove nothing.
        var parsed = HistoryBodyParser.Parse(HttpStatusCode.OK, _body);
        var expected = Fixture.StartsWith("AAPL", StringComparison.Ordinal) ? 49 : 2520;
        if (parsed.History?.Bars.Count != expected || SourceGeneratedToBars().Length != expected)
        {
            throw new InvalidOperationException($"{Fixture} does not parse to {expected} bars: {parsed.Message}");
        }
        Console.WriteLine($"// {Fixture}: {_body.Length} bytes");
    }

    /// <summary>The production parser: body bytes to a full <see cref="PriceHistory"/> (bars in the exchange's zone, events).</summary>
    [Benchmark(Baseline = true)]
    public PriceHistory? Parse() => HistoryBodyParser.Parse(HttpStatusCode.OK, _body).History;

    /// <summary>Source-generated deserialisation into DTOs only: no bars, no zone, no checks.</summary>
    [Benchmark]
    public object? SourceGeneratedDtos() =>
        JsonSerializer.Deserialize(_body, HistoryJsonContext.Default.ChartEnvelopeDto);

    /// <summary>Source generation plus the mapping to the same <see cref="PriceBar"/>s the parser makes: like for like.</summary>
    [Benchmark]
    public PriceBar[] SourceGeneratedToBars()
    {
        var result = JsonSerializer.Deserialize(_body, HistoryJsonContext.Default.ChartEnvelopeDto)!.Chart!.Result![0];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(result.Meta!.ExchangeTimezoneName!);
        var quote = result.Indicators!.Quote![0];
        var adjclose = result.Indicators.Adjclose?[0].Adjclose;
        var times = result.Timestamp ?? [];
        var bars = new PriceBar[times.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = new PriceBar
            {
                Time = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(times[i]), zone),
                Open = quote.Open![i],
                High = quote.High![i],
                Low = quote.Low![i],
                Close = quote.Close![i],
                AdjustedClose = adjclose?[i],
                Volume = quote.Volume![i],
            };
        }
        return bars;
    }

    /// <summary>A floor, not an alternative: <see cref="Utf8JsonReader"/> over every token, materialising nothing.</summary>
    [Benchmark]
    public int TokenScanFloor()
    {
        var reader = new Utf8JsonReader(_body);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }
        return tokens;
    }
}
