namespace QuoteFetch.Cli.Tests.Output;

public sealed class AdviceTests
{
    [Theory]
    [InlineData(
        QuoteErrorKind.RateLimited,
        "the source answered 429 Too Many Requests on all 4 attempts",
        Advice.RateLimited
    )]
    [InlineData(QuoteErrorKind.RateLimited, "the source answered 429 Too Many Requests", Advice.RateLimited)]
    [InlineData(QuoteErrorKind.Timeout, "no complete answer within 10 s", Advice.Timeout)]
    // A refused Retry-After wait and the run's deadline are not helped by these flags.
    [InlineData(
        QuoteErrorKind.RateLimited,
        "HTTP 429: the source asked to wait 60 s (Retry-After), more than the 30 s cap",
        null
    )]
    [InlineData(QuoteErrorKind.Timeout, "the run's deadline passed before an answer arrived", null)]
    [InlineData(QuoteErrorKind.Network, "connection reset by peer", null)]
    public void For_LibraryMessage_IsTheFlagAdviceOnlyWhereItHelps(QuoteErrorKind kind, string message, string? advice)
    {
        Assert.Equal(advice, Advice.For(new QuoteError { Kind = kind, Message = message }));
    }
}
