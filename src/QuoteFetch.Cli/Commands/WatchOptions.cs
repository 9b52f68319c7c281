using System.CommandLine;
using System.CommandLine.Parsing;

namespace QuoteFetch.Cli;

/// <summary><c>--watch</c>, <c>--force</c> and <c>--rounds</c>, declared once for every command that can watch (quote, portfolio).</summary>
internal sealed class WatchOptions
{
    /// <summary>Yahoo marks chart answers fresh for 10 s (<c>Cache-Control: max-age=10</c>): asking sooner gets nothing new.</summary>
    public const double MinWatchSeconds = 10;

    public Option<double?> Watch { get; } =
        new("--watch")
        {
            Description =
                $"Refresh every SECONDS until Ctrl+C or --rounds: redrawn in place on a terminal, else one block per "
                + $"round (at least {MinWatchSeconds}; with --force at least 1)",
            HelpName = "SECONDS",
            CustomParser = result => SharedOptions.Seconds(result, "--watch", 1, 86_400),
        };

    public Option<bool> Force { get; } =
        new("--force") { Description = $"Allow --watch below {MinWatchSeconds} seconds (down to 1)" };

    public Option<int?> Rounds { get; } =
        new("--rounds")
        {
            Description = "Stop --watch after N rounds [default: until Ctrl+C]",
            HelpName = "N",
            CustomParser = result => SharedOptions.WholeNumber(result, "--rounds", 1, 1_000_000),
        };

    public IEnumerable<Option> All => [Watch, Force, Rounds];

    /// <summary>Adds the options and their checks; <paramref name="format"/> is the command's --format.</summary>
    public void AddTo(Command command, Option<OutputFormat?> format)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Add(option);
        }
        command.Validators.Add(result => Check(result, format));
    }

    public (TimeSpan? Interval, int? Rounds) Bind(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return (parse.GetValue(Watch) is { } seconds ? TimeSpan.FromSeconds(seconds) : null, parse.GetValue(Rounds));
    }

    private void Check(CommandResult result, Option<OutputFormat?> format)
    {
        try
        {
            var watch = result.GetValue(Watch);
            if (watch is null)
            {
                if (result.GetResult(Rounds) is { Implicit: false })
                {
                    result.AddError("--rounds needs --watch");
                }
                else if (result.GetValue(Force))
                {
                    result.AddError("--force needs --watch");
                }
                return;
            }
            if (watch < MinWatchSeconds && !result.GetValue(Force))
            {
                result.AddError(
                    $"--watch must be at least {MinWatchSeconds} seconds (Yahoo's answers are fresh for 10 s); add "
                        + "--force to go down to 1"
                );
            }
            else if (result.GetValue(format) == OutputFormat.Json)
            {
                result.AddError(
                    "--watch appends one block per round: use --format ndjson or csv (or a terminal's table)"
                );
            }
        }
        catch (InvalidOperationException)
        {
            // An option whose value did not parse: its own error is the one to show.
        }
    }
}
