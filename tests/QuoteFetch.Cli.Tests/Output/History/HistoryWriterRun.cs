using System.Runtime.CompilerServices;

namespace QuoteFetch.Cli.Tests.Output.History;

internal static class HistoryWriterRun
{
    public static async Task<string> WriteAsync(
        OutputFormat format,
        HistoryOutputOptions options,
        IEnumerable<HistoryResult> results,
        bool wide = false
    )
    {
        using var output = new StringWriter();
        await HistoryWriters.Create(format, wide, options).WriteAsync(AsAsync(results), output);
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static async IAsyncEnumerable<HistoryResult> AsAsync(
        IEnumerable<HistoryResult> results,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return result;
        }
    }
}
