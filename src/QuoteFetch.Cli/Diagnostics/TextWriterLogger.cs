using Microsoft.Extensions.Logging;

namespace QuoteFetch.Cli;

/// <summary>Writes the library's log lines, as plain text, to standard error (stdout stays parseable).</summary>
internal sealed class TextWriterLogger<T>(TextWriter writer) : ILogger<T>
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter
    )
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _writer.WriteLine(UntrustedText.ForTerminal(formatter(state, exception)));
        }
    }
}
