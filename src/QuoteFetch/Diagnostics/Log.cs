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
        Message = "Retrying {Symbol} (attempt {Attempt} of {Attempts}) after {Reason}, waiting {DelaySeconds} s"
    )]
    public static partial void Retrying(
        ILogger logger,
        string symbol,
        int attempt,
        int attempts,
        string reason,
        string delaySeconds
    );

    // Information for short pauses; a Warning when the whole batch stands still for several seconds.
    [LoggerMessage(
        EventId = 4,
        EventName = "PausingBatch",
        Message = "The source is rate limiting (HTTP {Status}, {Why}): pausing every request for {PauseSeconds} s"
    )]
    public static partial void PausingBatch(
        ILogger logger,
        LogLevel level,
        int status,
        string why,
        string pauseSeconds
    );
}
