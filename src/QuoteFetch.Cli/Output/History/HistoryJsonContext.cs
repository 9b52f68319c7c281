using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

/// <summary>Source-generated (Native AOT: no reflection) serialisation of <see cref="HistoryRecord"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HistoryRecord))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext
{
    // As OutputJsonContext: not embedded in HTML, so M&M.NS stays readable; control characters are still escaped.
    public static HistoryJsonContext Relaxed { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
