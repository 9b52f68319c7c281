namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class SparklineTests
{
    [Fact]
    public void Render_EightRisingValues_UseEveryLevelOnce()
    {
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Render([1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m], 20));
    }

    [Fact]
    public void Render_MoreValuesThanWidth_AveragesRunsToFit()
    {
        // Pairs average to 1.5, 10, 1.5, 10: low, high, low, high.
        Assert.Equal("▁█▁█", Sparkline.Render([1m, 2m, 10m, 10m, 1m, 2m, 10m, 10m], 4));
    }

    [Fact]
    public void Render_UnevenRuns_NeverExceedTheWidth()
    {
        var values = Enumerable.Range(0, 49).Select(i => (decimal)i).ToArray();

        var line = Sparkline.Render(values, 16);

        Assert.Equal(16, line.Length);
        Assert.Equal('▁', line[0]);
        Assert.Equal('█', line[^1]);
    }

    [Fact]
    public void Render_FlatSeries_IsAMiddleLine()
    {
        Assert.Equal("▄▄▄", Sparkline.Render([5m, 5m, 5m], 10));
    }

    [Fact]
    public void Render_NoValues_IsEmpty()
    {
        Assert.Equal("", Sparkline.Render([], 10));
    }

    [Fact]
    public void Render_ValuesWhoseSpanOverflowsDecimal_IsEmptyRatherThanAnError()
    {
        Assert.Equal("", Sparkline.Render([decimal.MinValue, decimal.MaxValue], 10));
    }
}
