using System.Text.Json.Serialization;

namespace QuoteFetch;

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ChartEnvelope))]
internal sealed partial class ChartJsonContext : JsonSerializerContext;
