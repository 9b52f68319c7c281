using System.Text;

namespace QuoteFetch.Cli;

/// <summary>The loop every streaming writer shares: a reader of the pipe sees each result as soon as it is written.</summary>
internal static class Streaming
{
    /// <summary>
    /// Writes each result, flushing the output whenever the next result is not ready yet: nothing written waits in
    /// the buffer while quotefetch waits for the network, and results that arrive together go out in one write.
    /// </summary>
    public static Task WriteEachAsync<T>(IAsyncEnumerable<T> results, TextWriter output, Func<T, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return StepAsync(results, output, write, beforeWaiting: () => Task.CompletedTask);
    }

    /// <summary>
    /// <see cref="WriteEachAsync"/> for writers whose text per result is long (a year of bars is ~16 KB of CSV): each
    /// result is formatted on the thread pool as soon as it arrives, up to <paramref name="ahead"/> of them at once
    /// beside the one being written, and written in the order it arrived. Formatting then uses every core instead
    /// of the one writing; the output, its order and its flushing while the next result is on its way are the same.
    /// </summary>
    /// <param name="format">Appends one result's text; called on pool threads, so it may only read shared state.</param>
    public static Task WriteEachAheadAsync<T>(
        IAsyncEnumerable<T> results,
        TextWriter output,
        Action<T, StringBuilder> format,
        int ahead
    )
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegative(ahead);
        var pending = new Queue<Task<StringBuilder>>();
        // ahead + 1 builders at most, each reused: a long history costs its text's memory once per builder.
        var spare = new Stack<StringBuilder>();
        return StepAsync(
            results,
            output,
            result =>
            {
                var text = spare.Count > 0 ? spare.Pop() : new StringBuilder();
                pending.Enqueue(
                    Task.Run(() =>
                    {
                        format(result, text);
                        return text;
                    })
                );
                return WritePendingAsync(keep: ahead);
            },
            // Everything formatted goes out before the flush that precedes a wait, and before the end.
            beforeWaiting: () => WritePendingAsync(keep: 0)
        );

        // Writes the oldest texts while more than `keep` are pending, and any that are already done.
        async Task WritePendingAsync(int keep)
        {
            while (pending.Count > keep || (pending.Count > 0 && pending.Peek().IsCompleted))
            {
                var text = await pending.Dequeue().ConfigureAwait(false);
                await output.WriteAsync(text).ConfigureAwait(false);
                text.Clear();
                spare.Push(text);
            }
        }
    }

    // The loop both share: each result to `take`; `beforeWaiting`, then a flush, whenever the next result is not
    // ready yet and once at the end.
    private static async Task StepAsync<T>(
        IAsyncEnumerable<T> results,
        TextWriter output,
        Func<T, Task> take,
        Func<Task> beforeWaiting
    )
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
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
                    await beforeWaiting().ConfigureAwait(false);
                    await output.FlushAsync().ConfigureAwait(false);
                }
                var more = await moveNext.ConfigureAwait(false);
                stepping = false;
                if (!more)
                {
                    break;
                }
                await take(enumerator.Current).ConfigureAwait(false);
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
        await beforeWaiting().ConfigureAwait(false);
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
