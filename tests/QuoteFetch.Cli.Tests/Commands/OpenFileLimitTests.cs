namespace QuoteFetch.Cli.Tests.Commands;

public sealed class OpenFileLimitTests
{
    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max open files            256                  524288               files
        Max locked memory         8388608              8388608              bytes
        """;

    [Fact]
    public void Parse_ReadsTheSoftLimit() => Assert.Equal(256, OpenFileLimit.Parse(Limits));

    [Fact]
    public void Parse_Unlimited_IsNull() =>
        Assert.Null(OpenFileLimit.Parse(Limits.Replace("256      ", "unlimited", StringComparison.Ordinal)));

    [Theory]
    [InlineData(256, 128)]
    [InlineData(1024, 896)]
    [InlineData(100, 1)]
    public void MaxConcurrency_LeavesHeadroom(int limit, int expected) =>
        Assert.Equal(expected, OpenFileLimit.MaxConcurrency(limit));

    [Theory]
    [InlineData(100, true, true)]
    [InlineData(OpenFileLimit.JitFloor, true, false)]
    [InlineData(100, false, false)]
    [InlineData(16, false, false)]
    public void IsTooLow_OnlyTheJitBuildHasAFloor(int limit, bool jit, bool expected) =>
        Assert.Equal(expected, OpenFileLimit.IsTooLow(limit, jit));
}
