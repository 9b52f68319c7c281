using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuoteFetch.Cli;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OutputRecord))]
internal sealed partial class OutputJsonContext : JsonSerializerContext
{
    // Output is not embedded in HTML, so symbols like M&M.NS stay readable; the encoder still escapes control characters.
    public static OutputJsonContext Relaxed { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
