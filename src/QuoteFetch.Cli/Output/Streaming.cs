namespace QuoteFetch.Cli;

/// <summary>The loop every streaming writer shares: a reader of the pipe sees each result as soon as it is written.</summary>
internal static class Streaming
{
    /// <summary>
    /// Writes each result, flushing the output whenever the next result is not ready yet: nothing written waits in
    /// the buffer while quotefetch waits for the network, and results that arrive together go out in one write.
    /// </summary>
    public static async Task WriteEachAsync<T>(IAsyncEnumerable<T> results, TextWriter output, Func<T, Task> write)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        var enumerator = results.GetAsyncEnumerator();
        var stepping = false;
        try
        {
            while (true)
            {
                var moveNext = enumerator.MoveNextAsync();
                if (!moveNext.IsCompleted)
                {
                    stepping = true;
                    await output.FlushAsync().ConfigureAwait(false);
                }
                var more = await moveNext.ConfigureAwait(false);
                stepping = false;
                if (!more)
                {
                    break;
                }
                await write(enumerator.Current).ConfigureAwait(false);
            }
        }
        finally
        {
            // When the output failed while the next result was still on its way, the iterator cannot be disposed
            // mid-step (it would throw NotSupportedException and hide the output's error); the caller cancels the batch.
            if (!stepping)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A JSON array of the results, one object per line, each written as it arrives (flushed while the next one is
    /// on its way): the array is valid JSON once the sequence ends.
    /// </summary>
    public static Task WriteJsonArrayAsync<T>(IAsyncEnumerable<T> results, TextWriter output, Func<T, string> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        return WriteJsonArrayAsync(results, output, result => serialize(result).AsMemory());
    }

    /// <summary>As above, for objects serialized into a buffer that is reused once the text is written.</summary>
    public static async Task WriteJsonArrayAsync<T>(
        IAsyncEnumerable<T> results,
        TextWriter output,
        Func<T, ReadOnlyMemory<char>> serialize
    )
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(serialize);
        await output.WriteAsync('[').ConfigureAwait(false);
        var first = true;
        await WriteEachAsync(
                results,
                output,
                async result =>
                {
                    await output.WriteAsync(first ? "\n  " : ",\n  ").ConfigureAwait(false);
                    first = false;
                    await output.WriteAsync(serialize(result)).ConfigureAwait(false);
                }
            )
            .ConfigureAwait(false);
        await output.WriteLineAsync(first ? "]" : "\n]").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
