namespace QuoteFetch.Cli;

/// <summary>Standard output could not be written: an I/O error (EX_IOERR), or a reader that has gone (a broken pipe).</summary>
internal sealed class OutputException : IOException
{
    public OutputException() { }

    public OutputException(string message)
        : base(message) { }

    public OutputException(string message, Exception innerException)
        : base(message, innerException) { }

    public OutputException(string message, bool isBrokenPipe)
        : base(message) => IsBrokenPipe = isBrokenPipe;

    /// <summary>The reader has gone (EPIPE), as when <c>| head -1</c> has what it wanted: not worth a message.</summary>
    public bool IsBrokenPipe { get; }
}
