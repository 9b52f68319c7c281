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
}
