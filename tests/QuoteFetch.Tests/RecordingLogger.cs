using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QuoteFetch.Tests;

/// <summary>An <see cref="ILogger"/> that keeps every line it is given, with its level; safe across threads.</summary>
internal sealed class RecordingLogger : ILogger<QuoteClient>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    /// <summary>The lines logged so far, oldest first.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Lines => [.. _lines];

    /// <summary>The messages logged so far, oldest first.</summary>
    public IReadOnlyList<string> Messages => [.. _lines.Select(line => line.Message)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter
    ) => _lines.Enqueue((logLevel, formatter(state, exception)));
}
