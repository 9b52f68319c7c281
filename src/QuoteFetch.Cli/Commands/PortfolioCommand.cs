using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace QuoteFetch.Cli;

/// <summary><c>quotefetch portfolio HOLDINGS.csv</c>: its own options and their checks, beside the client options.</summary>
internal sealed class PortfolioCommand
{
    public const string BaseCurrencyVariable = "QUOTEFETCH_BASE_CURRENCY";

    private static readonly Choices<PortfolioSort> SortChoices = new(
        ("file", PortfolioSort.File),
        ("value", PortfolioSort.Value),
        ("gain", PortfolioSort.Gain),
        ("weight", PortfolioSort.Weight),
        ("symbol", PortfolioSort.Symbol)
    );

    private readonly SharedOptions _shared;
    private readonly WatchOptions _watch = new();

    // Zero or one, checked when bound: a required argument would make 'portfolio --help' a parse error.
    private readonly Argument<string?> _holdingsArgument = new("HOLDINGS")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description =
            "A CSV file with a header naming symbol and quantity (optional: cost, currency), or '-' for standard input",
    };

    private readonly Option<string> _baseCurrencyOption = new("--base-currency")
    {
        Description = $"The currency to value in (also ${BaseCurrencyVariable}) [default: USD]",
        HelpName = "CODE",
    };

    private readonly Option<bool> _strictOption = new("--strict")
    {
        Description = "Stop with exit 2 before any request when a row is bad, instead of valuing the valid rows",
    };

    private readonly Option<PortfolioSort?> _sortOption = new("--sort")
    {
        Description = "List positions by value, gain, weight or symbol [default: file order]",
        HelpName = "file|value|gain|weight|symbol",
        CustomParser = result => SortChoices.Parse(result, "--sort"),
    };

    private readonly Option<string?> _plotOption = SharedOptions.PlotOption(
        $"Also draw the weights as horizontal bars in a {HistoryPlot.DefaultWidth}×{HistoryPlot.DefaultHeight} "
            + $"PNG (the largest {PortfolioPlot.MaxBars}, the rest as one bar)"
    );

    public PortfolioCommand(SharedOptions shared, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(console);
        _shared = shared;
        Command = new Command(
            "portfolio",
            "Value the positions of a holdings CSV in one currency: prices and the FX pairs they need in one batch"
        )
        {
            new HelpOption
            {
                Action = new HelpWithExamples(
                    """
                    Pence (GBp, GBX), agorot (ILA) and South African cents (ZAc) are divided by 100 before FX.
                    Amounts are exact decimals, rounded half-to-even only for display.

                    Examples:
                      quotefetch portfolio holdings.csv
                      quotefetch portfolio holdings.csv --base-currency GBP --sort value
                      quotefetch portfolio holdings.csv --format json > valuation.json
                      cat holdings.csv | quotefetch portfolio - --strict --format csv
                    """
                ),
            },
            _holdingsArgument,
            _baseCurrencyOption,
            _strictOption,
            _sortOption,
            _plotOption,
        };
        shared.AddClientOptionsTo(Command);
        _watch.AddTo(Command, shared.FormatOption);
        _sortOption.CompletionSources.Clear();
        _sortOption.CompletionSources.Add([.. SortChoices.Shown]);
        _holdingsArgument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 })
            {
                result.AddError("HOLDINGS must be a path, or '-' for standard input, not ''");
            }
        });
        // One picture of one valuation: each round would overwrite it, so the pair is refused, never ignored.
        Command.Validators.Add(result =>
        {
            if (
                result.GetResult(_plotOption) is { Implicit: false }
                && result.GetResult(_watch.Watch) is { Implicit: false }
            )
            {
                result.AddError("--plot does not work with --watch (it draws one valuation); run once with --plot");
            }
        });
        // The variable is the option's default, read with the flag's rules and named in its error (exit 2).
        _baseCurrencyOption.CustomParser = result =>
            BaseCurrency(result, SharedOptions.LastToken(result), "--base-currency");
        _baseCurrencyOption.DefaultValueFactory = result =>
            console.GetEnvironmentVariable(BaseCurrencyVariable) is { Length: > 0 } text
                ? BaseCurrency(result, text, BaseCurrencyVariable)
                : "USD";
        Command.SetAction(
            (parseResult, cancellationToken) =>
            {
                var run = shared.ConsoleFor(parseResult, console);
                return PortfolioRun.RunAsync(Bind(parseResult, run), run, cancellationToken);
            }
        );
    }

    public Command Command { get; }

    public PortfolioSettings Bind(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var holdings =
            parse.GetValue(_holdingsArgument)
            ?? throw new UsageException(
                "no holdings file given",
                "quotefetch portfolio HOLDINGS.csv, or '-' to read standard input"
            );
        var shared = _shared.BindClient(parse, console);
        var (watch, rounds) = _watch.Bind(parse);
        var format = shared.FormatFor(console.IsOutputTerminal);
        return new PortfolioSettings(
            shared with
            {
                Format = format,
            },
            holdings,
            parse.GetValue(_baseCurrencyOption) ?? "USD",
            parse.GetValue(_strictOption),
            parse.GetValue(_sortOption) ?? PortfolioSort.File,
            parse.GetValue(_plotOption)
        )
        {
            Watch = watch,
            Rounds = rounds,
        };
    }

    private static string BaseCurrency(ArgumentResult result, string text, string name)
    {
        if (CurrencyUnits.BaseCurrencyProblem(text, out var major) is { } problem)
        {
            result.AddError($"{name} {problem}");
        }
        return major;
    }
}
