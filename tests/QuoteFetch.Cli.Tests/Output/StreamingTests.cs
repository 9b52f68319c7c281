using System.Text;

namespace QuoteFetch.Cli.Tests.Output;

public sealed class StreamingTests
{
    private static async IAsyncEnumerable<int> Items(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    [Fact]
    public async Task WriteEachAhead_LaterResultFormattedFirst_IsStillWrittenInArrivalOrder()
    {
        using var secondFormatted = new ManualResetEventSlim();
        using var output = new StringWriter();
        // The first result's text is finished only after the second's.
        Action[] before = [() => Assert.True(secondFormatted.Wait(TimeSpan.FromSeconds(30))), () => { }];
        Action[] after = [() => { }, secondFormatted.Set];

        // Both results are there at once (a source that waits would have the first written before the second is read).
        await Streaming.WriteEachAheadAsync(
            Enumerable.Range(0, 2).ToAsyncEnumerable(),
            output,
            (item, text) =>
            {
                before[item]();
                text.Append(item).Append('\n');
                after[item]();
            },
            ahead: 2
        );

        Assert.Equal("0\n1\n", output.ToString());
    }

    [Fact]
    public async Task WriteEachAhead_ManyResults_AllWrittenOnceInOrder()
    {
        using var output = new StringWriter();

        await Streaming.WriteEachAheadAsync(
            Items(1000),
            output,
            (item, text) => text.Append(item).Append('\n'),
            ahead: 3
        );

        Assert.Equal(string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i}\n")), output.ToString());
    }

    [Fact]
    public async Task WriteEachAhead_FormatThrows_TheErrorReachesTheCaller()
    {
        using var output = new StringWriter();
        Action<StringBuilder> fine = text => text.Append('.');
        Action<StringBuilder>[] formats =
        [
            fine,
            fine,
            _ => throw new InvalidOperationException("cannot format 2"),
            fine,
            fine,
        ];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Streaming.WriteEachAheadAsync(Items(5), output, (item, text) => formats[item](text), ahead: 1)
        );

        Assert.Equal("cannot format 2", error.Message);
        Assert.StartsWith("..", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteEachAhead_NoResults_WritesNothing()
    {
        using var output = new StringWriter(new StringBuilder());

        await Streaming.WriteEachAheadAsync(Items(0), output, (item, text) => text.Append(item), ahead: 2);

        Assert.Equal("", output.ToString());
    }
}
