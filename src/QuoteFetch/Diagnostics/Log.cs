using Microsoft.Extensions.Logging;

namespace QuoteFetch;

internal static partial class Log
{
    [LoggerMessage(
        EventId = 1,
        EventName = "MakingRequest",
        Level = LogLevel.Information,
        Message = "Making request for {Symbol}"
    )]
    public static partial void MakingRequest(ILogger logger, string symbol);

    [LoggerMessage(
        EventId = 2,
        EventName = "ReceivedResults",
        Level = LogLevel.Information,
        Message = "Received results for {Symbol} ({Outcome}, {ElapsedMs} ms)"
    )]
    public static partial void ReceivedResults(ILogger logger, string symbol, string outcome, long elapsedMs);

    [LoggerMessage(
        EventId = 3,
        EventName = "Retrying",
        Level = LogLevel.Information,
        Message = "Retrying {Symbol} (attempt {Attempt} of {Attempts}) after {Reason}, waiting {DelayMs} ms"
    )]
    public static partial void Retrying(
        ILogger logger,
        string symbol,
        int attempt,
        int attempts,
        string reason,
        long delayMs
    );

    [LoggerMessage(
        EventId = 4,
        EventName = "PausingBatch",
        Level = LogLevel.Information,
        Message = "The source is rate limiting (HTTP {Status}, {Consecutive} in a row): pausing every request for {PauseMs} ms"
    )]
    public static partial void PausingBatch(ILogger logger, int status, int consecutive, long pauseMs);
}
