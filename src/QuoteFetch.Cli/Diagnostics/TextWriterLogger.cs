using Microsoft.Extensions.Logging;

namespace QuoteFetch.Cli;

/// <summary>Writes the library's log lines, as plain text, to standard error (stdout stays parseable).</summary>
/// <param name="writer">Where the lines go.</param>
/// <param name="minimumLevel">The least important level written: Information with -v, else Warning.</param>
internal sealed class TextWriterLogger<T>(TextWriter writer, LogLevel minimumLevel = LogLevel.Information) : ILogger<T>
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    /// <summary>A run's logger: Information with -v, else Warning (a long pause of the whole batch is news to the user).</summary>
    public static TextWriterLogger<T> ForRun(TextWriter writer, bool verbose) =>
        new(writer, verbose ? LogLevel.Information : LogLevel.Warning);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

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
