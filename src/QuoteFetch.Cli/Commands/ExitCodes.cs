namespace QuoteFetch.Cli;

/// <summary>The documented exit codes of <c>quotefetch</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Every symbol was priced.</summary>
    public const int Success = 0;

    /// <summary>At least one symbol has no price; all results were still printed.</summary>
    public const int SomeFailed = 1;

    /// <summary>The command line or an input file was unusable; nothing was fetched.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The source could not be reached (refused, DNS or TLS failure for the first symbols): the batch stopped early,
    /// every symbol was still printed, and one line on standard error says why (EX_UNAVAILABLE).
    /// </summary>
    public const int Unavailable = 69;

    /// <summary>
    /// Interrupted (Ctrl+C, SIGTERM or SIGHUP): what had arrived was printed, the rest marked cancelled; before the
    /// first request, nothing was printed. One code for all three: the output means the same whichever arrived.
    /// </summary>
    public const int Interrupted = 130;

    /// <summary>
    /// Standard output's reader went away (a broken pipe, as under <c>| head -1</c>): the run stopped quietly.
    /// 141 is 128 + SIGPIPE, what a shell reports for a program the signal killed.
    /// </summary>
    public const int BrokenPipe = 141;

    /// <summary>Standard output could not be written (a full disk, a closed descriptor): one line on standard error (EX_IOERR).</summary>
    public const int IoError = 74;

    /// <summary>An unexpected failure inside quotefetch (a bug), reported in one line (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
