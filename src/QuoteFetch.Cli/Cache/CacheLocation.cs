namespace QuoteFetch.Cli;

/// <summary>Where the cache file lives: <c>$QUOTEFETCH_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/quotefetch</c>, else <c>~/.cache/quotefetch</c>.</summary>
internal static class CacheLocation
{
    public const string DirectoryVariable = "QUOTEFETCH_CACHE_DIR";

    public const string FileName = "quotefetch.db";

    /// <summary>
    /// The directory, or null when the environment names none (no variable and no <c>HOME</c>): then there is no
    /// cache. Read through the console's environment, never the process's, so a test's run stays in its own folder.
    /// </summary>
    public static string? Directory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(DirectoryVariable) is { Length: > 0 } own)
        {
            return Path.GetFullPath(own);
        }
        // The XDG spec: a relative XDG_CACHE_HOME is invalid and is ignored.
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "quotefetch");
        }
        return environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache", "quotefetch") : null;
    }
}
