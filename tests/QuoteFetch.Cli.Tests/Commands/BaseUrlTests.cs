namespace QuoteFetch.Cli.Tests.Commands;

public sealed class BaseUrlTests
{
    [Theory]
    [InlineData("http://me:s3cret@127.0.0.1:5099/", "http://***@127.0.0.1:5099/")]
    [InlineData("http://me@host/path@x?q=a@b", "http://***@host/path@x?q=a@b")]
    [InlineData("me:s3cret@host", "***@host")]
    [InlineData("https://a@b@host:1", "https://***@host:1")]
    [InlineData("http://127.0.0.1:5099/p@th", "http://127.0.0.1:5099/p@th")]
    public void Redact_ReplacesUserInfoOnly(string url, string shown) => Assert.Equal(shown, BaseUrl.Redact(url));

    [Theory]
    [InlineData("http://127.0.0.1:5099")]
    [InlineData("https://query1.finance.yahoo.com/")]
    [InlineData("http://[::1]:8080/prefix/")]
    public void Parse_PlainHttpUrl_IsUsable(string url)
    {
        var uri = BaseUrl.Parse(url, "--base-url", out var problem);

        Assert.Null(problem);
        Assert.NotNull(uri);
    }
}
