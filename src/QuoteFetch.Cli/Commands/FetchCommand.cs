using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;

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

    private readonly WatchOptions _watch = new();

    private readonly Option<double?> _maxAgeOption = new("--max-age")
    {
        Description =
            "Serve a cached quote younger than SECONDS; 0 always asks [default: the max-age the answer carried, "
            + "10 s without one]",
        HelpName = "SECONDS",
        CustomParser = result => SharedOptions.Seconds(result, "--max-age", 0, 86_400),
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
            _watch.AddTo(command, _shared.FormatOption);
            command.Add(_maxAgeOption);
            command.SetAction(
                (parseResult, cancellationToken) =>
                {
                    console.ResultsToStandardOutput();
                    var run = _shared.ConsoleFor(parseResult, console);
                    return RunAsync(Bind(parseResult, run), run, cancellationToken);
                }
            );
        }
        Root.Add(quote);
        Root.Add(history.Command);
        var portfolio = new PortfolioCommand(_shared, console);
        Root.Add(portfolio.Command);
        Root.Add(CacheCommand.Create(console));
        Root.Add(Completion.Command());
        // The root's own options parse before a subcommand too (quotefetch --decimals 4 history AAPL): the subcommand
        // would silently ignore them.
        history.Command.Validators.Add(result =>
        {
            if (result.GetResult(_decimalsOption) is { Implicit: false })
            {
                result.AddError(
                    "--decimals is not a history option (history rounds to the price hint; --exact shows Yahoo's decimals)"
                );
            }
            else if (_watch.All.FirstOrDefault(option => result.GetResult(option) is { Implicit: false }) is { } watch)
            {
                result.AddError($"{watch.Name} is not a history option (it is for quotes)");
            }
        });
        portfolio.Command.Validators.Add(result =>
        {
            if (result.GetResult(_decimalsOption) is { Implicit: false })
            {
                result.AddError("--decimals is not a portfolio option (money is shown to 2 places, rates to 6)");
            }
            else if (_watch.All.FirstOrDefault(option => result.GetResult(option) is { Implicit: false }) is { } watch)
            {
                result.AddError($"{watch.Name} goes after 'portfolio', not before it");
            }
        });
    }

    public Command Root { get; }

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
        var watch = _watch.Bind(parse);
        return new FetchSettings(
            shared.Symbols,
            shared.FormatFor(console.IsOutputTerminal),
            shared.Order,
            parse.GetValue(_decimalsOption),
            shared.Verbose,
            shared.ClientOptions,
            watch.Interval,
            watch.Rounds
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
        var logger = TextWriterLogger<QuoteClient>.ForRun(console.Error, settings.Verbose);
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
        return await BatchEnd.ExitCodeAsync(console, client, summary, cancellationToken).ConfigureAwait(false);
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
