using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace QuoteFetch.Tests.Requests;

public sealed class RateLimitGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Queue<HttpResponseMessage> _answers = new();

    private sealed class Answers(Queue<HttpResponseMessage> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        ) => Task.FromResult(answers.Count > 0 ? answers.Dequeue() : new HttpResponseMessage(HttpStatusCode.OK));
    }

    // The gate sees each answer the way HttpPipeline shows it one: after the send, before anything else.
    private sealed class Observed(RateLimitGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        )
        {
            var response = await base.SendAsync(request, cancellationToken);
            gate.Observe(response);
            return response;
        }
    }

    private (RateLimitGate Gate, HttpMessageInvoker Invoker) CreateSut(ILogger? logger = null)
    {
        var gate = new RateLimitGate(
            _time,
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(30),
            logger ?? NullLogger.Instance
        );
        return (gate, new HttpMessageInvoker(new Observed(gate) { InnerHandler = new Answers(_answers) }));
    }

    private static HttpResponseMessage TooMany(TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }
        return response;
    }

    private static HttpResponseMessage TooMany(DateTimeOffset retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker) =>
        invoker.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/v8/finance/chart/X"),
            CancellationToken.None
        );

    [Fact]
    public async Task TwoTooManyRequests_DoNotPauseTheBatch()
    {
        _answers.Enqueue(TooMany());
        _answers.Enqueue(TooMany());
        var (gate, invoker) = CreateSut();

        await SendAsync(invoker);
        await SendAsync(invoker);

        Assert.True(gate.PauseRemaining <= TimeSpan.Zero);
    }

    [Fact]
    public async Task ThreeTooManyRequestsInARow_PauseEveryLaterRequest()
    {
        for (var i = 0; i < RateLimitGate.ConsecutiveLimit; i++)
        {
            _answers.Enqueue(TooMany());
        }
        var (gate, invoker) = CreateSut();
        for (var i = 0; i < RateLimitGate.ConsecutiveLimit; i++)
        {
            await SendAsync(invoker);
        }

        var next = gate.WaitAsync(CancellationToken.None).AsTask();

        Assert.Equal(TimeSpan.FromMilliseconds(500), gate.PauseRemaining);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(300)); // past the pause and its jitter (at most 20 %)
        await next;
    }

    [Fact]
    public async Task PauseStrategy_CancelledDuringAPause_EndsCancelledWithoutAnAttempt()
    {
        _answers.Enqueue(TooMany(TimeSpan.FromSeconds(2)));
        var (gate, invoker) = CreateSut();
        await SendAsync(invoker);
        var pipeline = new ResiliencePipelineBuilder<int>().AddStrategy(_ => new PauseStrategy(gate)).Build();
        using var cancel = new CancellationTokenSource();
        var attempted = false;

        var run = pipeline
            .ExecuteAsync(
                _ =>
                {
                    attempted = true;
                    return ValueTask.FromResult(1);
                },
                cancel.Token
            )
            .AsTask();
        Assert.False(run.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(attempted);
    }

    [Fact]
    public async Task RetryAfter_OnOneAnswer_PausesTheBatchThatLong()
    {
        _answers.Enqueue(TooMany(TimeSpan.FromSeconds(2)));
        var (gate, invoker) = CreateSut();

        await SendAsync(invoker);

        Assert.Equal(TimeSpan.FromSeconds(2), gate.PauseRemaining);
    }

    [Fact]
    public async Task Success_ResetsTheCount()
    {
        _answers.Enqueue(TooMany());
        _answers.Enqueue(TooMany());
        _answers.Enqueue(new HttpResponseMessage(HttpStatusCode.OK));
        _answers.Enqueue(TooMany());
        var (gate, invoker) = CreateSut();

        for (var i = 0; i < 4; i++)
        {
            await SendAsync(invoker);
        }

        Assert.True(gate.PauseRemaining <= TimeSpan.Zero);
    }

    [Fact]
    public async Task LongStorm_PauseGrowsButIsCapped()
    {
        for (var i = 0; i < 30; i++)
        {
            _answers.Enqueue(TooMany());
        }
        var (gate, invoker) = CreateSut();

        for (var i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1)); // past any earlier pause, so the send never waits
            await SendAsync(invoker);
        }

        Assert.Equal(TimeSpan.FromSeconds(30), gate.PauseRemaining);
    }

    [Fact]
    public void NoPause_WaitCompletesAtOnce()
    {
        var (gate, _) = CreateSut();

        Assert.True(gate.WaitAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheCap_DoesNotPauseTheBatch()
    {
        _answers.Enqueue(TooMany(TimeSpan.FromHours(1)));
        var (gate, invoker) = CreateSut();

        await SendAsync(invoker);

        Assert.True(gate.PauseRemaining <= TimeSpan.Zero);
    }

    [Fact]
    public async Task RetryAfter_HttpDateIn2100_DoesNotPauseTheBatch()
    {
        _answers.Enqueue(TooMany(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var (gate, invoker) = CreateSut();

        await SendAsync(invoker);

        Assert.True(gate.PauseRemaining <= TimeSpan.Zero);
    }

    [Fact]
    public async Task LongPause_IsAWarning_ShortPauseIsInformation()
    {
        _answers.Enqueue(TooMany(TimeSpan.FromSeconds(1)));
        _answers.Enqueue(TooMany(TimeSpan.FromSeconds(5)));
        var logger = new RecordingLogger();
        var (_, invoker) = CreateSut(logger);

        await SendAsync(invoker);
        await SendAsync(invoker);

        Assert.Equal([LogLevel.Information, LogLevel.Warning], logger.Lines.Select(line => line.Level));
        Assert.EndsWith("pausing every request for 5 s", logger.Lines[1].Message, StringComparison.Ordinal);
    }
}
