using System.Text.Json.Serialization;

namespace QuoteFetch;

// Yahoo's v8 chart body, reduced to the fields QuoteFetch reads; the reader skips everything else.
internal sealed class ChartEnvelope
{
    [JsonPropertyName("chart")]
    public ChartBody? Chart { get; set; }
}

internal sealed class ChartBody
{
    [JsonPropertyName("result")]
    public List<ChartResult?>? Result { get; set; }

    [JsonPropertyName("error")]
    public ChartError? Error { get; set; }
}

internal sealed class ChartResult
{
    [JsonPropertyName("meta")]
    public ChartMeta? Meta { get; set; }
}

internal sealed class ChartError
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}
