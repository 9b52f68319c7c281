using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

/// <summary>
/// Source-generated (Native AOT: no reflection) serialisation of the JSON output records: quotes and histories.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OutputRecord))]
[JsonSerializable(typeof(HistoryRecord))]
internal sealed partial class OutputJsonContext : JsonSerializerContext
{
    // Output is not embedded in HTML, so symbols like M&M.NS stay readable; the encoder still escapes control characters.
    public static OutputJsonContext Relaxed { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
