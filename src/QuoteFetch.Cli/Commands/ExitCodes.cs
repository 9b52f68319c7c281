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

    /// <summary>Interrupted (Ctrl+C or SIGTERM): what had arrived was printed, the rest marked cancelled.</summary>
    public const int Interrupted = 130;

    /// <summary>An unexpected failure inside quotefetch (a bug), reported in one line (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
