namespace QuoteFetch;

/// <summary>Whether an upstream string could be decoded, and if not, why.</summary>
internal enum TextStatus
{
    Ok = 0,

    /// <summary>The bytes are not valid UTF-8.</summary>
    NotUtf8 = 1,

    /// <summary>A <c>\uXXXX</c> escape names half of a surrogate pair without the other half.</summary>
    UnpairedSurrogate = 2,
}
