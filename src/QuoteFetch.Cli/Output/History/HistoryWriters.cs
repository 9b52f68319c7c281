using System.Diagnostics.CodeAnalysis;

namespace QuoteFetch.Cli;

/// <summary>Picks the history writer for a format.</summary>
internal static class HistoryWriters
{
    /// <param name="format">The output format.</param>
    /// <param name="wide">One close column per symbol; only with <see cref="OutputFormat.Csv"/> (the caller refuses the rest).</param>
    /// <param name="options">What to show and how.</param>
    [SuppressMessage("Style", "IDE0072", Justification = "every format is listed")]
    public static IHistoryWriter Create(OutputFormat format, bool wide, HistoryOutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (wide && format != OutputFormat.Csv)
        {
            throw new ArgumentException("--wide is only for CSV", nameof(wide));
        }
        return format switch
        {
            OutputFormat.Csv when wide => new WideCsvHistoryWriter(options),
            OutputFormat.Csv => new CsvHistoryWriter(options),
            OutputFormat.Json => new JsonHistoryWriter(options),
            OutputFormat.Ndjson => new NdjsonHistoryWriter(options),
            OutputFormat.Table => new TableHistoryWriter(options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an output format"),
        };
    }
}
