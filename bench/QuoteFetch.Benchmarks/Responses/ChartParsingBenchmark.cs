using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace QuoteFetch.Benchmarks;

/// <summary>
/// One chart body to one <see cref="QuoteResult"/>, the per-symbol CPU work of a batch once the bytes are in.
/// Target: under 5 µs per body, allocating little beyond the Quote and its strings.
/// </summary>
[MemoryDiagnoser]
// Public and not sealed: BenchmarkDotNet generates a runner class that derives from it.
public class ChartParsingBenchmark
{
    // Short labels for the report's Fixture column (BenchmarkDotNet cuts values past 20 characters).
    private static readonly Dictionary<string, string> FileByLabel = new(StringComparer.Ordinal)
    {
        ["^GSPC 971 B"] = "chart-index-GSPC.json",
        ["MSFT synth 1.2 KB"] = "chart-synthetic-MSFT.json",
        ["AAPL 2.4 KB"] = "chart-AAPL.json",
        ["AAPL hist 13.5 KB"] = "chart-AAPL-history-2020-08-31-to-2020-11-07.json",
    };

    private byte[] _body = [];
    private ChartFields _fields;

    /// <summary>Which recorded body: 971 B compact, 1.2 KB compact (the e2e body), 2.4 KB indented, 13.5 KB with 49 bars.</summary>
    [Params("^GSPC 971 B", "MSFT synth 1.2 KB", "AAPL 2.4 KB", "AAPL hist 13.5 KB")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixtures.Read(FileByLabel[Fixture]);
        _fields = ChartBodyParser.Parse(_body);
        // A benchmark that measured a failure path would look fast and prove nothing.
        if (!ChartResponseReader.Map("AAPL", HttpStatusCode.OK, _fields).IsSuccess)
        {
            throw new InvalidOperationException($"{Fixture} does not parse to a price.");
        }
    }

    /// <summary>
    /// What the batch sees besides the parse: a response whose content is a byte array, the Content-Length
    /// check and the body stream. Subtract it from <see cref="ReadAsync"/> to get the reader's own share.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task<long?> ResponseOnly()
    {
        using var response = NewResponse();
        var length = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return length + body.ReadByte();
    }

    /// <summary>The production path: <c>ChartResponseReader.ReadAsync</c> over a fresh response, as QuoteClient calls it.</summary>
    [Benchmark]
    public async Task<QuoteResult> ReadAsync()
    {
        using var response = NewResponse();
        return await ChartResponseReader.ReadAsync("AAPL", response).ConfigureAwait(false);
    }

    /// <summary>The parse alone, from bytes already in memory: what the reader costs without the response around it.</summary>
    [Benchmark]
    public QuoteResult ParseSpan() => ChartResponseReader.Parse("AAPL", HttpStatusCode.OK, _body);

    /// <summary>Only the mapping of already parsed fields: the Quote and QuoteResult themselves.</summary>
    [Benchmark]
    public QuoteResult MapOnly() => ChartResponseReader.Map("AAPL", HttpStatusCode.OK, _fields);

    /// <summary>
    /// A floor, not an alternative: <see cref="Utf8JsonReader"/> over every token of the body, materialising nothing.
    /// No parser that reads the whole body can be faster than this.
    /// </summary>
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

    /// <summary>
    /// A floor for a reader that stops once it has <c>meta</c> (which Yahoo sends first): find it, step over it,
    /// stop. The 13.5 KB history body shows what skipping the bars would save.
    /// </summary>
    [Benchmark]
    public long MetaOnlyFloor()
    {
        var reader = new Utf8JsonReader(_body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("meta"u8))
            {
                reader.Read();
                reader.Skip();
                break;
            }
        }
        return reader.BytesConsumed;
    }

    private HttpResponseMessage NewResponse() => new(HttpStatusCode.OK) { Content = new ByteArrayContent(_body) };
}
