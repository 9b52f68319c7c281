namespace QuoteFetch.Benchmarks;

/// <summary>The recorded bodies embedded in this assembly (provenance: Fixtures/SOURCES.md).</summary>
internal static class Fixtures
{
    /// <summary>The exact bytes of an embedded file, e.g. "chart-AAPL.json".</summary>
    /// <exception cref="InvalidOperationException">No such file is embedded.</exception>
    public static byte[] Read(string fileName)
    {
        var name = "Fixtures/" + fileName;
        using var stream =
            typeof(Fixtures).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The fixture {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
