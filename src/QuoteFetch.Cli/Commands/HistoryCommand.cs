using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace QuoteFetch.Cli;

/// <summary><c>quotefetch history</c>: its own options and their checks, beside the shared ones.</summary>
internal sealed class HistoryCommand
{
    private readonly SharedOptions _shared;

    private readonly Option<HistoryRange?> _rangeOption = new("--range")
    {
        Description = "The span ending now [default: 1y, unless --start is given]",
        HelpName = string.Join('|', HistoryWireNames.Ranges),
        CustomParser = result =>
            Wire(
                result,
                "--range",
                HistoryWireNames.Ranges,
                HistoryWireNames.TryParseRange(LastToken(result), out var range) ? range : (HistoryRange?)null
            ),
    };

    private readonly Option<DateOnly?> _startOption = new("--start")
    {
        Description = "The first day (YYYY-MM-DD), a day at the exchange; instead of --range",
        HelpName = "DATE",
        CustomParser = result => Date(result, "--start"),
    };

    private readonly Option<DateOnly?> _endOption = new("--end")
    {
        Description = "The last day, included (YYYY-MM-DD); needs --start [default: today]",
        HelpName = "DATE",
        CustomParser = result => Date(result, "--end"),
    };

    private readonly Option<HistoryInterval?> _intervalOption = new("--interval")
    {
        Description =
            $"The time one bar covers; 1m only within the last {HistoryRequest.OneMinuteMaxAgeDays} days and "
            + $"{HistoryRequest.OneMinuteMaxDays} days at a time, other intraday intervals within the last "
            + $"{HistoryRequest.IntradayMaxAgeDays} days [default: 1d]",
        HelpName = "1m|…|1h|1d|5d|1wk|1mo|3mo",
        CustomParser = result =>
            Wire(
                result,
                "--interval",
                HistoryWireNames.Intervals,
                HistoryWireNames.TryParseInterval(LastToken(result), out var interval)
                    ? interval
                    : (HistoryInterval?)null
            ),
    };

    private readonly Option<bool> _eventsOption = new("--events")
    {
        Description = "Also fetch and show dividends and splits",
    };

    private readonly Option<bool> _wideOption = new("--wide")
    {
        Description = "CSV with one row per date and one close column per symbol (header date,SYM1,SYM2,…)",
    };

    private readonly Option<bool> _exactOption = new("--exact")
    {
        Description =
            "Show prices exactly as Yahoo sent them (float32 noise such as 129.0399932861328) instead of rounded to "
            + "the instrument's price hint (129.04)",
    };

    private readonly Option<string?> _outputOption = new("--output", "-o")
    {
        Description =
            "Write to a file instead of standard output ('-' for standard output); {symbol} in the path writes one "
            + "file per symbol. Without --format, the extension picks it (.json, .ndjson or .jsonl; CSV otherwise)",
        HelpName = "PATH",
    };

    private readonly Option<string?> _plotOption = SharedOptions.PlotOption(
        $"Also draw the closes as a {HistoryPlot.DefaultWidth}×{HistoryPlot.DefaultHeight} PNG (several symbols "
            + $"normalised to 100 at their first bar; at most {HistoryTargets.MaxPlotLines} lines)",
        result => CheckWhereItGoes(result, "--plot")
    );

    public HistoryCommand(SharedOptions shared, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(console);
        _shared = shared;
        Command = new Command(
            "history",
            "Fetch each symbol's price history: open, high, low, close, adjusted close and volume per bar"
        )
        {
            new HelpOption
            {
                Action = new HelpWithExamples(
                    """
                    Prices are rounded half-to-even to the instrument's price hint (129.04, as Yahoo shows them);
                    --exact shows the decimals Yahoo sent (129.0399932861328). Dates are days at the exchange.

                    Examples:
                      quotefetch history AAPL --range 5y -o aapl.csv
                      quotefetch history AAPL MSFT GOOG --start 2024-01-01 --plot big-tech.png
                      quotefetch history VTI VXUS BND --range 1y --events --format json
                      quotefetch history -f symbols.txt --range 1mo --wide > closes.csv
                      quotefetch history AAPL MSFT --range 1y -o 'prices/{symbol}.csv'
                    """
                ),
            },
        };
        shared.AddTo(Command);
        foreach (
            var option in (Option[])
                [
                    _rangeOption,
                    _startOption,
                    _endOption,
                    _intervalOption,
                    _eventsOption,
                    _wideOption,
                    _exactOption,
                    _outputOption,
                    _plotOption,
                ]
        )
        {
            Command.Add(option);
        }
        _rangeOption.CompletionSources.Clear();
        _rangeOption.CompletionSources.Add([.. HistoryWireNames.Ranges]);
        _intervalOption.CompletionSources.Clear();
        _intervalOption.CompletionSources.Add([.. HistoryWireNames.Intervals]);
        _outputOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && string.IsNullOrWhiteSpace(path))
            {
                result.AddError("--output must be a path, not ''");
            }
            else
            {
                CheckWhereItGoes(result, "-o");
            }
        });
        Command.Validators.Add(result => Check(result, console));
        Command.SetAction(
            (parseResult, cancellationToken) =>
            {
                // With -o the results go to the file: standard output's reader going away loses nothing.
                if (parseResult.GetValue(_outputOption) is null or "-")
                {
                    console.ResultsToStandardOutput();
                }
                var run = shared.ConsoleFor(parseResult, console);
                return HistoryRun.RunAsync(Bind(parseResult, run), run, cancellationToken);
            }
        );
    }

    public Command Command { get; }

    // Combinations are checked once every option has parsed, so each is still one line and exit 2, before any request.
    private void Check(CommandResult result, CliConsole console)
    {
        try
        {
            CheckCombinations(result, console);
        }
        catch (InvalidOperationException)
        {
            // An option whose value did not parse: reading it throws, and its own error is already the one to show.
        }
    }

    private void CheckCombinations(CommandResult result, CliConsole console)
    {
        var given = (Option option) => result.GetResult(option) is { Implicit: false };
        if (given(_rangeOption) && given(_startOption))
        {
            result.AddError("--range and --start cannot be used together");
            return;
        }
        if (given(_endOption) && !given(_startOption))
        {
            result.AddError("--end needs --start");
            return;
        }
        var output = result.GetValue(_outputOption);
        if (result.GetValue(_wideOption))
        {
            if (result.GetValue(_eventsOption))
            {
                // One close per symbol and date leaves no room for dividends and splits: refused, not dropped.
                result.AddError(
                    "--wide has one close per symbol and date, with no room for --events; drop one of them"
                );
                return;
            }
            if (given(_shared.FormatOption) && result.GetValue(_shared.FormatOption) != OutputFormat.Csv)
            {
                result.AddError("--wide needs --format csv (one close column per symbol)");
                return;
            }
            if (
                !given(_shared.FormatOption)
                && output is not null
                && HistoryTargets.FormatFromExtension(output) is { } named
                && named != OutputFormat.Csv
            )
            {
                // The extension picks the format only without --wide; CSV under a .json name would mislead its reader.
                result.AddError(
                    $"--wide writes CSV, not the JSON '{output}' names (name the file .csv, or drop --wide)"
                );
                return;
            }
            if (HistoryTargets.IsPerSymbol(output))
            {
                result.AddError(
                    $"--wide puts every symbol in one file; -o cannot contain {HistoryTargets.Placeholder} with it"
                );
                return;
            }
        }
        var today = DateOnly.FromDateTime(console.Time.GetUtcNow().UtcDateTime);
        if (!Request(result).TryValidate(today, out var problem))
        {
            result.AddError(problem);
        }
    }

    private HistoryRequest Request(SymbolResult parse) =>
        new()
        {
            Range =
                parse.GetValue(_rangeOption) ?? (parse.GetValue(_startOption) is null ? HistoryRange.OneYear : null),
            Start = parse.GetValue(_startOption),
            End = parse.GetValue(_endOption),
            Interval = parse.GetValue(_intervalOption) ?? HistoryInterval.OneDay,
            IncludeEvents = parse.GetValue(_eventsOption),
        };

    public HistorySettings Bind(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var shared = _shared.Bind(parse, console);
        // "-" is standard output, as -f - is standard input.
        var output = parse.GetValue(_outputOption) is { } path && path != "-" ? path : null;
        var wide = parse.GetValue(_wideOption);
        var format =
            shared.Format
            ?? (wide ? OutputFormat.Csv : (OutputFormat?)null)
            ?? (output is null ? null : HistoryTargets.FormatFromExtension(output))
            // A file is no terminal: without a format or a known extension it gets CSV, as a pipe does.
            ?? shared.FormatFor(terminal: output is null && console.IsOutputTerminal);
        return new HistorySettings(
            shared with
            {
                Format = format,
            },
            Request(parse.CommandResult),
            wide,
            parse.GetValue(_exactOption),
            output,
            parse.GetValue(_plotOption)
        );
    }

    // A file is opened only once results arrive (a plot after the whole batch): a typo in its directory, or a directory
    // in place of the file, is found now, before any request, rather than after the batch.
    private static void CheckWhereItGoes(OptionResult result, string name)
    {
        if (result.GetValueOrDefault<string?>() is not { } path || path == "-")
        {
            return;
        }
        if (HistoryTargets.DirectoryOf(path) is var directory && !Directory.Exists(directory))
        {
            result.AddError($"{name}: the directory '{directory}' does not exist");
        }
        else if (!HistoryTargets.IsPerSymbol(path) && Directory.Exists(path))
        {
            result.AddError($"{name}: '{path}' is a directory; name a file in it");
        }
    }

    private static string LastToken(ArgumentResult result) => SharedOptions.LastToken(result);

    private static T? Wire<T>(ArgumentResult result, string name, IReadOnlyList<string> names, T? value)
        where T : struct
    {
        if (value is null)
        {
            // Exact spelling only: 1m is a minute and 1mo a month, so "1M" is refused rather than guessed.
            result.AddError($"{name} must be one of {string.Join(", ", names)}, not '{LastToken(result)}'");
        }
        return value;
    }

    private static DateOnly? Date(ArgumentResult result, string name)
    {
        var text = LastToken(result);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        // 2021-02-29 has the shape and no day: say so, or the user stares at a well-formed date.
        var shaped =
            text is [_, _, _, _, '-', _, _, '-', _, _] && text.Remove(7, 1).Remove(4, 1).All(char.IsAsciiDigit);
        result.AddError(
            $"{name} must be a date as YYYY-MM-DD, not '{text}'{(shaped ? " (there is no such day)" : "")}"
        );
        return null;
    }
}
