using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary>
/// The process's open-file limit (<c>ulimit -n</c>, RLIMIT_NOFILE), read from <c>/proc/self/limits</c>: each
/// connection is a file, so <c>--concurrency</c> must fit below it. Reading a file keeps this Native-AOT safe and
/// needs no native call; where there is no such file (not Linux), the limit is unknown and nothing is lowered.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>
    /// Files left for everything but connections: the JIT build keeps each loaded assembly open (about 110 files
    /// while a batch runs, measured), the AOT build far fewer; standard streams, DNS and TLS need a few more.
    /// </summary>
    public const int Headroom = 128;

    /// <summary>
    /// Below this limit the JIT build cannot even load its own assemblies (seen at 100: "Could not load file or
    /// assembly", at 20: "Failed to load JIT compiler"); the Native AOT build needs only a few files and has no floor.
    /// </summary>
    public const int JitFloor = Headroom + 16;

    private const string LimitsPath = "/proc/self/limits";

    /// <returns>The soft limit, or null when it is unlimited or cannot be read.</returns>
    public static int? Read()
    {
        try
        {
            return File.Exists(LimitsPath) ? Parse(File.ReadAllText(LimitsPath)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the soft limit from the "Max open files  SOFT  HARD  files" line.</summary>
    public static int? Parse(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var line in limits.Split('\n'))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return
                    fields.Length > 0
                    && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft)
                    ? soft
                    : null;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="limit"/> open files are too few for this build to run at all.</summary>
    public static bool IsTooLow(int limit, bool jit) => jit && limit < JitFloor;

    /// <summary>The most connections that fit below <paramref name="limit"/> open files (at least one).</summary>
    public static int MaxConcurrency(int limit) => Math.Max(1, limit - Headroom);
}
