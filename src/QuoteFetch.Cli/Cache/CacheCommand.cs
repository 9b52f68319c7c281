using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary><c>quotefetch cache info</c> and <c>quotefetch cache clear [--older-than 30d]</c>.</summary>
internal static class CacheCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var info = new Command("info", "Show where the cache is, its size, and its entries per kind (oldest, newest)");
        info.SetAction((parse, _) => Task.FromResult(Run(console, store => Info(store, console.Out))));
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Only entries written longer ago than AGE: a number and s, m, h, d or w (30d) [default: all]",
            HelpName = "AGE",
            CustomParser = Age,
        };
        var clear = new Command("clear", "Remove the cache's entries (all, or those older than --older-than)")
        {
            olderThan,
        };
        clear.SetAction(
            (parse, _) =>
                Task.FromResult(
                    Run(
                        console,
                        store =>
                        {
                            var before = parse.GetValue(olderThan) is { } age
                                ? console.Time.GetUtcNow() - age
                                : (DateTimeOffset?)null;
                            var removed = store.Clear(before);
                            console.Out.WriteLine(
                                string.Create(
                                    CultureInfo.InvariantCulture,
                                    $"removed {removed} {(removed == 1 ? "entry" : "entries")} from {store.FilePath}"
                                )
                            );
                        }
                    )
                )
        );
        var cache = new Command(
            "cache",
            $"The local cache of quotes and history (in ${CacheLocation.DirectoryVariable}, else $XDG_CACHE_HOME/quotefetch, else ~/.cache/quotefetch)"
        )
        {
            info,
            clear,
        };
        // Without an action, a missing or unknown subcommand is "Required command was not provided", which names
        // neither the word typed nor the ones there are.
        cache.SetAction(
            (Func<ParseResult, CancellationToken, Task<int>>)(
                (_, _) => throw new UsageException("cache takes info or clear", "run 'quotefetch cache --help'")
            )
        );
        return cache;
    }

    private static int Run(CliConsole console, Action<CacheStore> action)
    {
        if (CacheLocation.Directory(console.GetEnvironmentVariable) is not { } directory)
        {
            console.Error.WriteLine(
                $"quotefetch: no cache directory: set {CacheLocation.DirectoryVariable}, XDG_CACHE_HOME or HOME"
            );
            return ExitCodes.IoError;
        }
        // Open has already said why, when it cannot.
        using var store = CacheStore.Open(directory, console.Error);
        if (store is null)
        {
            return ExitCodes.IoError;
        }
        action(store);
        return ExitCodes.Success;
    }

    private static void Info(CacheStore store, TextWriter output)
    {
        output.WriteLine($"path: {store.FilePath}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size: {store.SizeInBytes()} bytes"));
        foreach (var kind in store.Info())
        {
            var span =
                kind.Oldest is { } oldest && kind.Newest is { } newest
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $" (oldest {oldest:yyyy-MM-ddTHH:mm:ssZ}, newest {newest:yyyy-MM-ddTHH:mm:ssZ})"
                    )
                    : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind.Kind}: {kind.Entries}{span}"));
        }
    }

    private static TimeSpan? Age(ArgumentResult result)
    {
        var text = SharedOptions.LastToken(result);
        var unit = text.Length > 0 ? text[^1] : ' ';
        TimeSpan? scale = unit switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (
            scale is { } one
            && int.TryParse(
                text.AsSpan(0, text.Length - 1),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var count
            )
            && count <= 36_500
        )
        {
            return one * count;
        }
        result.AddError($"--older-than must be a whole number and a unit (s, m, h, d or w), e.g. 30d, not '{text}'");
        return null;
    }
}
