using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace QuoteFetch.Cli;

/// <summary>
/// The root command and <c>quote</c> (the same options and action: <c>quotefetch AAPL</c> is <c>quotefetch quote AAPL</c>),
/// with <c>history</c> beside them.
/// </summary>
internal sealed class FetchCommand
{
    public const string BaseUrlVariable = SharedOptions.BaseUrlVariable;

    /// <summary>The exit codes as --help lists them; README's table lists the same codes (a test compares them).</summary>
    public const string ExitCodesHelp = """
        Exit codes:
          0    every symbol priced
          1    some symbols without a price (all are still printed)
          2    usage error: a bad option or value, or no usable symbols
          69   the source could not be reached (DNS, TLS, refused connections)
          70   internal error: a bug in quotefetch; please report it
          74   the output could not be written (e.g. disk full)
          130  interrupted (Ctrl+C, SIGTERM or SIGHUP): what arrived is printed
          141  the output was closed by its reader (e.g. | head)
        """;

    private readonly SharedOptions _shared;

    private readonly Option<int?> _decimalsOption = new("--decimals")
    {
        Description =
            "Decimals shown in table and CSV (half-to-even), 0-12 [default: 2, or more where Yahoo's priceHint asks]",
        HelpName = "N",
        CustomParser = result => SharedOptions.WholeNumber(result, "--decimals", 0, PriceFormatter.MaxDecimals),
    };

    /// <summary>Yahoo marks chart answers fresh for 10 s (<c>Cache-Control: max-age=10</c>): asking sooner gets nothing new.</summary>
    public const double MinWatchSeconds = 10;

    private readonly Option<double?> _watchOption = new("--watch")
    {
        Description =
            $"Refresh every SECONDS until Ctrl+C or --rounds: a live table on a terminal, else one block per round "
            + $"(at least {MinWatchSeconds}; with --force at least 1)",
        HelpName = "SECONDS",
        CustomParser = result =>
            SharedOptions.Number(result, SharedOptions.LastToken(result), "--watch", "a number of seconds", 1, 86_400),
    };

    private readonly Option<bool> _forceOption = new("--force")
    {
        Description = $"Allow --watch below {MinWatchSeconds} seconds (down to 1)",
    };

    private readonly Option<int?> _roundsOption = new("--rounds")
    {
        Description = "Stop --watch after N rounds [default: until Ctrl+C]",
        HelpName = "N",
        CustomParser = result => SharedOptions.WholeNumber(result, "--rounds", 1, 1_000_000),
    };

    private readonly Option<double?> _maxAgeOption = new("--max-age")
    {
        Description =
            "Serve a cached quote younger than SECONDS; 0 always asks [default: the max-age the answer carried, "
            + "10 s without one]",
        HelpName = "SECONDS",
        CustomParser = result =>
            SharedOptions.Number(
                result,
                SharedOptions.LastToken(result),
                "--max-age",
                "a number of seconds",
                0,
                86_400
            ),
    };

    public FetchCommand(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _shared = new SharedOptions(console.GetEnvironmentVariable);
        // A named Command, not RootCommand: RootCommand takes its name from the assembly (QuoteFetch.Cli), and the
        // tool is called quotefetch.
        Root = new Command(
            "quotefetch",
            $"""
            Fetch prices for many ticker symbols at once, over one pooled HTTP connection set.
            With no subcommand, quotefetch prices symbols as 'quotefetch quote' does.

            Examples:
              quotefetch AAPL MSFT GOOG
              quotefetch -t VTSAX VTIAX IJS VSS AAPL ORCL GOOG MSFT FB
              quotefetch -f portfolio.txt --format json > prices.json
              cat symbols.txt | quotefetch --format ndjson --order completion
              quotefetch --base-url http://127.0.0.1:5099 AAPL ^GSPC EURUSD=X
              quotefetch history AAPL --range 5y -o aapl.csv

            {ExitCodesHelp}
            """
        )
        {
            new HelpOption(),
            new VersionOption(),
        };
        var quote = new Command("quote", "Fetch the latest price of each symbol (what quotefetch does by default)")
        {
            new HelpOption
            {
                Action = new HelpWithExamples(
                    """
                    Examples:
                      quotefetch quote AAPL MSFT GOOG
                      quotefetch quote -f portfolio.txt --format json > prices.json
                      cat symbols.txt | quotefetch quote --format ndjson --order completion
                    """
                ),
            },
        };
        var history = new HistoryCommand(_shared, console);
        foreach (var command in (Command[])[Root, quote])
        {
            _shared.AddTo(command);
            command.Add(_decimalsOption);
            command.Add(_watchOption);
            command.Add(_forceOption);
            command.Add(_roundsOption);
            command.Add(_maxAgeOption);
            command.Validators.Add(CheckWatch);
            command.SetAction(
                (parseResult, cancellationToken) =>
                {
                    var run = _shared.ConsoleFor(parseResult, console);
                    return RunAsync(Bind(parseResult, run), run, cancellationToken);
                }
            );
        }
        Root.Add(quote);
        Root.Add(history.Command);
        Root.Add(CacheCommand.Create(console));
        Root.Add(Completion.Command());
    }

    public Command Root { get; }

    private void CheckWatch(CommandResult result)
    {
        try
        {
            var watch = result.GetValue(_watchOption);
            if (watch is null)
            {
                if (result.GetResult(_roundsOption) is { Implicit: false })
                {
                    result.AddError("--rounds needs --watch");
                }
                else if (result.GetValue(_forceOption))
                {
                    result.AddError("--force needs --watch");
                }
                return;
            }
            if (watch < MinWatchSeconds && !result.GetValue(_forceOption))
            {
                result.AddError(
                    $"--watch must be at least {MinWatchSeconds} seconds (Yahoo's answers are fresh for 10 s); add "
                        + "--force to go down to 1"
                );
            }
            else if (result.GetValue(_shared.FormatOption) == OutputFormat.Json)
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

    /// <summary>
    /// Parses a command line. Response files (<c>@FILE</c>) are off: System.CommandLine reads them whole, with no
    /// bound (<c>@/dev/zero</c> ran out of memory), and <c>-f</c> already reads a list, streamed and capped.
    /// </summary>
    public ParseResult Parse(IReadOnlyList<string> args) =>
        Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    public FetchSettings Bind(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var shared = _shared.Bind(parse, console);
        return new FetchSettings(
            shared.Symbols,
            shared.Format ?? shared.DefaultFormat ?? (console.IsOutputTerminal ? OutputFormat.Table : OutputFormat.Csv),
            shared.Order,
            parse.GetValue(_decimalsOption),
            shared.Verbose,
            shared.ClientOptions,
            parse.GetValue(_watchOption) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            parse.GetValue(_roundsOption)
        )
        {
            NoCache = shared.NoCache,
            MaxAge = parse.GetValue(_maxAgeOption) is { } maxAge ? TimeSpan.FromSeconds(maxAge) : null,
        };
    }

    public static async Task<int> RunAsync(
        FetchSettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        if (settings.Watch is not null)
        {
            return await WatchRun.RunAsync(settings, console, cancellationToken).ConfigureAwait(false);
        }
        // Without -v, warnings still reach standard error: a long pause of the whole batch is news to the user.
        var logger = new TextWriterLogger<QuoteClient>(
            console.Error,
            settings.Verbose ? LogLevel.Information : LogLevel.Warning
        );
        using var client = new QuoteClient(settings.ClientOptions, logger);
        using var verbose = settings.Verbose ? new VerboseSummary(client, console.Time) : null;
        using var cache = QuoteCache.Open(settings.NoCache, settings.Verbose, console);
        var writer = CreateWriter(settings, console);

        // What each result's Symbol will be, in input order: the progress total and the order to restore.
        var requested = QuoteClient.NormalizeSymbols(settings.Symbols);
        console.BatchStarting();
        // Also cancelled when the output fails: nobody would read what the rest of the batch brings.
        using var batch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results =
            cache?.GetQuotesAsync(client, settings.ClientOptions.BaseAddress, requested, settings.MaxAge, batch.Token)
            ?? client.GetQuotesAsync(requested, batch.Token);
        if (verbose is not null)
        {
            results = verbose.Observe(results, result => result.Error);
        }
        if (FetchProgress.IsWanted(settings, console))
        {
            var collected = await FetchProgress
                .CollectAsync(results, requested.Count, FetchProgress.ForTerminal(console))
                .ConfigureAwait(false);
            results = collected.ToAsyncEnumerable();
        }
        if (settings.Order == OutputOrder.Input)
        {
            results = InputOrder.Restore(results, requested);
        }
        var summary = new FailureSummary();
        try
        {
            // The summary sees the library's words and adds its own advice; each row gets the advice for its failure.
            await writer.WriteAsync(Advice.Add(summary.Observe(results)), console.Out).ConfigureAwait(false);
        }
        catch (OutputException)
        {
            await batch.CancelAsync().ConfigureAwait(false);
            throw;
        }

        if (verbose is not null)
        {
            await console.Error.WriteLineAsync(verbose.Line(cache?.RequestsSaved)).ConfigureAwait(false);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        if (client.UnreachableReason is { } reason)
        {
            await console
                .Error.WriteLineAsync(
                    $"quotefetch: the source is unreachable ({UntrustedText.ForTerminal(reason)}); stopped early, "
                        + "the remaining symbols were not sent (check --base-url and the network)"
                )
                .ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        // One line says what went wrong with the whole batch: the source was unreachable, or every symbol failed alike.
        if (summary.Line is { } line)
        {
            await console.Error.WriteLineAsync(line).ConfigureAwait(false);
        }
        return summary.Failures == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    internal static IQuoteWriter CreateWriter(FetchSettings settings, CliConsole console) =>
        settings.Format switch
        {
            OutputFormat.Json => new JsonQuoteWriter(),
            OutputFormat.Ndjson => new NdjsonQuoteWriter(),
            OutputFormat.Csv => new CsvQuoteWriter(settings.Decimals),
            _ => new TableQuoteWriter(
                settings.Decimals,
                colors: TerminalEnvironment.UseColor(console.IsOutputTerminal, console.GetEnvironmentVariable),
                TerminalEnvironment.TableWidth(console.Width, console.GetEnvironmentVariable)
            ),
        };
}
