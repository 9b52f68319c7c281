using System.Text.Json;

namespace QuoteFetch;

/// <summary>Walking a JSON object's properties with <see cref="Utf8JsonReader"/>, as every chart body reader does.</summary>
internal static class JsonProperties
{
    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>
    /// At a property name: true, positioned on the value's start, when the property is <paramref name="name"/> and
    /// its value an object; otherwise the value is skipped whole and the reader is ready for the next property.
    /// </summary>
    public static bool ObjectValueOf(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        var wanted = reader.ValueTextEquals(name);
        reader.Read();
        if (wanted && reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        reader.Skip();
        return false;
    }

    /// <summary>At a property name: skips its value whole.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Inside an array: skips every remaining element, ending on the array's end.</summary>
    public static void SkipRestOfArray(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }
}
