using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace QuoteFetch.Tests.Requests;

public sealed class HttpPipelineTests
{
    private static ResiliencePipeline<HttpResponseMessage> CreateSut(int retries)
    {
        var options = new QuoteClientOptions { MaxRetries = retries, RetryDelay = TimeSpan.Zero };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        HttpPipeline.AddResilience(
            builder,
            options,
            new RateLimitGate(TimeProvider.System, options.RetryDelay, options.MaxRetryAfter, NullLogger.Instance),
            rateLimiter: null,
            TimeProvider.System,
            NullLogger.Instance
        );
        return builder.Build();
    }

    private static async Task<int> AttemptsAsync(ResiliencePipeline<HttpResponseMessage> sut, Exception failure)
    {
        var attempts = 0;
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await sut.ExecuteAsync<HttpResponseMessage>(_ =>
            {
                attempts++;
                throw failure;
            })
        );
        return attempts;
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    [InlineData(HttpRequestError.VersionNegotiationError)]
    public async Task FailureThatCannotHeal_IsNotRetried(HttpRequestError error)
    {
        var sut = CreateSut(retries: 3);

        var attempts = await AttemptsAsync(sut, new HttpRequestException(error, "no"));

        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.ResponseEnded)]
    public async Task RefusedOrReset_IsRetried(HttpRequestError error)
    {
        var sut = CreateSut(retries: 3);

        var attempts = await AttemptsAsync(sut, new HttpRequestException(error, "no"));

        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task ServiceUnavailable_RetryAfterPastTheCap_IsNotRetried()
    {
        var sut = CreateSut(retries: 3);
        var attempts = 0;
        // Waiting the hour would hang the test run; this turns it into a failure.
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(10), TimeProvider.System);

        using var response = await sut.ExecuteAsync(
            _ =>
            {
                attempts++;
                var answer = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
                answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));
                return ValueTask.FromResult(answer);
            },
            watchdog.Token
        );

        Assert.Equal(1, attempts);
    }
}
