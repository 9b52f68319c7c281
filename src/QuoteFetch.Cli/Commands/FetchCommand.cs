using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace QuoteFetch.Cli;

/// <summary>The root command: options, their checks, and the action that runs the batch.</summary>
internal sealed class FetchCommand
{
    private static readonly QuoteClientOptions Defaults = new();

    public const string BaseUrlVariable = "QUOTEFETCH_BASE_URL";

    private readonly Argument<string[]> _symbolsArgument = new("SYMBOL")
    {
        Description = "Ticker symbols to price, e.g. AAPL MSFT ^GSPC EURUSD=X BTC-USD VOD.L",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> _tickersOption = new("--tickers", "-t")
    {
        Description = "More symbols (the tutorial's flag): -t VTSAX VTIAX IJS",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "SYMBOL",
    };

    private readonly Option<string?> _fileOption = new("--file", "-f")
    {
        Description =
            "Read symbols from a file, or '-' for standard input: one or more per line, comma or space separated, '#' comments",
        HelpName = "PATH",
    };

    private readonly Option<OutputFormat?> _formatOption = new("--format")
    {
        Description = "Output format [default: table on a terminal, csv otherwise]",
        HelpName = "table|json|csv|ndjson",
    };

    private readonly Option<OutputOrder> _orderOption = new("--order")
    {
        Description = "input: results in the order given; completion: each result as soon as it arrives",
        DefaultValueFactory = _ => OutputOrder.Input,
        HelpName = "input|completion",
    };

    private readonly Option<int?> _decimalsOption = new("--decimals")
    {
        Description =
            "Decimals shown in table and CSV (half-to-even) [default: 2, or more where Yahoo's priceHint asks]",
        HelpName = "N",
    };

    private readonly Option<int> _concurrencyOption = new("--concurrency", "-c")
    {
        Description = "Most requests in flight at once (also the connection pool size)",
        DefaultValueFactory = _ => Defaults.MaxConcurrency,
        HelpName = "N",
    };

    private readonly Option<double> _timeoutOption = new("--timeout")
    {
        Description = "Seconds one attempt may take",
        DefaultValueFactory = _ => Defaults.Timeout.TotalSeconds,
        HelpName = "SECONDS",
    };

    private readonly Option<int> _retriesOption = new("--retries")
    {
        Description = "Retries for transient failures (429, 5xx, resets, timeouts); 0 disables",
        DefaultValueFactory = _ => Defaults.MaxRetries,
        HelpName = "N",
    };

    private readonly Option<double?> _deadlineOption = new("--deadline")
    {
        Description =
            "Seconds for the whole run; then what arrived is printed and the rest marked timeout [default: none]",
        HelpName = "SECONDS",
    };

    private readonly Option<double?> _rateOption = new("--rate")
    {
        Description = "Client-side limit in requests per second, retries included [default: none]",
        HelpName = "N",
    };

    private readonly Option<string?> _baseUrlOption = new("--base-url")
    {
        Description = $"Source base URL (also ${BaseUrlVariable}) [default: {Defaults.BaseAddress.OriginalString}]",
        HelpName = "URL",
    };

    private readonly Option<string?> _httpVersionOption = new("--http-version")
    {
        Description = "HTTP version: 1.1, 2 or auto (HTTP/2 where the server offers it over TLS) [default: auto]",
        HelpName = "VERSION",
    };

    private readonly Option<string?> _userAgentOption = new("--user-agent")
    {
        Description = "User-Agent header [default: a desktop browser's; Yahoo answers bare clients with 429]",
        HelpName = "TEXT",
    };

    private readonly Option<bool> _verboseOption = new("--verbose", "-v")
    {
        Description = "Log each request, retry and result with elapsed milliseconds to standard error",
    };

    public FetchCommand(CliConsole console)
    {
        // A named Command, not RootCommand: RootCommand takes its name from the assembly (QuoteFetch.Cli), and the
        // tool is called quotefetch.
        Root = new Command(
            "quotefetch",
            """
            Fetch prices for many ticker symbols at once, over one pooled HTTP connection set.

            Examples:
              quotefetch AAPL MSFT GOOG
              quotefetch -t VTSAX VTIAX IJS VSS AAPL ORCL GOOG MSFT FB
              quotefetch -f portfolio.txt --format json > prices.json
              cat symbols.txt | quotefetch --format ndjson --order completion
              quotefetch --base-url http://127.0.0.1:5099 AAPL ^GSPC EURUSD=X

            Exit codes: 0 all priced; 1 some without a price; 2 usage error; 130 interrupted.
            """
        )
        {
            new HelpOption(),
            new VersionOption(),
            _symbolsArgument,
            _tickersOption,
            _fileOption,
            _formatOption,
            _orderOption,
            _decimalsOption,
            _concurrencyOption,
            _timeoutOption,
            _retriesOption,
            _deadlineOption,
            _rateOption,
            _baseUrlOption,
            _httpVersionOption,
            _userAgentOption,
            _verboseOption,
        };
        AddRange(_decimalsOption, 0, PriceFormatter.MaxDecimals);
        AddRange(_concurrencyOption, 1, QuoteClientOptions.MaxMaxConcurrency);
        AddRange(
            _timeoutOption,
            QuoteClientOptions.MinTimeout.TotalSeconds,
            QuoteClientOptions.MaxTimeout.TotalSeconds
        );
        AddRange(_retriesOption, 0, QuoteClientOptions.MaxMaxRetries);
        AddRange(
            _deadlineOption,
            QuoteClientOptions.MinTimeout.TotalSeconds,
            QuoteClientOptions.MaxDeadline.TotalSeconds
        );
        AddRange(_rateOption, QuoteClientOptions.MinRequestsPerSecond, QuoteClientOptions.MaxRequestsPerSecond);
        _userAgentOption.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError("--user-agent must not be empty");
            }
        });
        Root.SetAction(
            (parseResult, cancellationToken) => RunAsync(Bind(parseResult, console), console, cancellationToken)
        );
    }

    public Command Root { get; }

    public FetchSettings Bind(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var arguments = parse.GetValue(_symbolsArgument) ?? [];
        // The symbols argument swallows unknown tokens; no Yahoo symbol starts with '-', so such a token is a mistyped option.
        if (arguments.FirstOrDefault(token => token.Length > 1 && token[0] == '-') is { } unknown)
        {
            throw new UsageException($"unknown option '{unknown}'", "run 'quotefetch --help' for the options");
        }
        var symbols = SymbolSource.Gather(
            arguments,
            parse.GetValue(_tickersOption) ?? [],
            parse.GetValue(_fileOption),
            console
        );
        if (symbols.Count == 0)
        {
            throw new UsageException(
                "no symbols given",
                "pass symbols as arguments (quotefetch AAPL MSFT), with -t/--tickers, or with -f FILE ('-' for standard input)"
            );
        }
        var options = new QuoteClientOptions
        {
            BaseAddress = ParseBaseUrl(
                parse.GetValue(_baseUrlOption) ?? console.GetEnvironmentVariable(BaseUrlVariable)
            ),
            MaxConcurrency = parse.GetValue(_concurrencyOption),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(_timeoutOption)),
            MaxRetries = parse.GetValue(_retriesOption),
            Deadline = parse.GetValue(_deadlineOption) is { } deadline ? TimeSpan.FromSeconds(deadline) : null,
            RequestsPerSecond = parse.GetValue(_rateOption),
            HttpVersion = ParseHttpVersion(parse.GetValue(_httpVersionOption)),
        };
        if (parse.GetValue(_userAgentOption) is { } userAgent)
        {
            options.UserAgent = userAgent;
        }
        return new FetchSettings(
            symbols,
            parse.GetValue(_formatOption) ?? (console.IsOutputTerminal ? OutputFormat.Table : OutputFormat.Csv),
            parse.GetValue(_orderOption),
            parse.GetValue(_decimalsOption),
            parse.GetValue(_verboseOption),
            options
        );
    }

    public static async Task<int> RunAsync(
        FetchSettings settings,
        CliConsole console,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        // Without -v, warnings still reach standard error: a long pause of the whole batch is news to the user.
        var logger = new TextWriterLogger<QuoteClient>(
            console.Error,
            settings.Verbose ? LogLevel.Information : LogLevel.Warning
        );
        using var client = new QuoteClient(settings.ClientOptions, logger);
        var writer = CreateWriter(settings, console);
        var failures = 0;

        // What each result's Symbol will be, in input order: the progress total and the order to restore.
        var requested = QuoteClient.NormalizeSymbols(settings.Symbols);
        var results = client.GetQuotesAsync(requested, cancellationToken);
        if (settings.Format == OutputFormat.Table && console.IsErrorTerminal && !settings.Verbose)
        {
            var collected = await FetchProgress
                .CollectAsync(results, requested.Count, FetchProgress.ForTerminal(console.Error))
                .ConfigureAwait(false);
            results = collected.ToAsyncEnumerable();
        }
        if (settings.Order == OutputOrder.Input)
        {
            results = InInputOrderAsync(results, requested);
        }
        await writer.WriteAsync(CountFailures(results), console.Out).ConfigureAwait(false);

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
        return failures == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;

        async IAsyncEnumerable<QuoteResult> CountFailures(IAsyncEnumerable<QuoteResult> source)
        {
            await foreach (var result in source.ConfigureAwait(false))
            {
                failures += result.IsSuccess ? 0 : 1;
                yield return result;
            }
        }
    }

    private static async IAsyncEnumerable<QuoteResult> InInputOrderAsync(
        IAsyncEnumerable<QuoteResult> results,
        IReadOnlyList<string> order
    )
    {
        var bySymbol = new Dictionary<string, QuoteResult>(order.Count, StringComparer.Ordinal);
        await foreach (var result in results.ConfigureAwait(false))
        {
            bySymbol[result.Symbol] = result;
        }
        foreach (var symbol in order)
        {
            yield return bySymbol[symbol];
        }
    }

    private static IQuoteWriter CreateWriter(FetchSettings settings, CliConsole console) =>
        settings.Format switch
        {
            OutputFormat.Json => new JsonQuoteWriter(flushEachItem: settings.Order == OutputOrder.Completion),
            OutputFormat.Ndjson => new NdjsonQuoteWriter(),
            OutputFormat.Csv => new CsvQuoteWriter(
                settings.Decimals,
                flushEachRow: settings.Order == OutputOrder.Completion
            ),
            _ => new TableQuoteWriter(settings.Decimals, colors: console.IsOutputTerminal, console.Width),
        };

    private static Uri ParseBaseUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Defaults.BaseAddress;
        }
        if (
            Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        )
        {
            return uri;
        }
        throw new UsageException(
            $"'{text}' is not a usable base URL",
            "give an absolute http:// or https:// URL, e.g. http://127.0.0.1:5099"
        );
    }

    private static QuoteHttpVersion ParseHttpVersion(string? text) =>
        text?.Trim().ToUpperInvariant() switch
        {
            null or "AUTO" => QuoteHttpVersion.Auto,
            "1.1" or "1" or "HTTP/1.1" => QuoteHttpVersion.Http11,
            "2" or "2.0" or "HTTP/2" => QuoteHttpVersion.Http2,
            _ => throw new UsageException($"'{text}' is not an HTTP version", "use --http-version 1.1, 2 or auto"),
        };

    // One check for every numeric option, int or double, required or optional (an absent value is not checked).
    private static void AddRange<T>(Option<T> option, double min, double max) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is IConvertible value)
            {
                CheckRange(result, option.Name, value.ToDouble(CultureInfo.InvariantCulture), min, max);
            }
        });

    private static void CheckRange(OptionResult result, string name, double value, double min, double max)
    {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max))
        {
            result.AddError($"{name} must be between {Number(min)} and {Number(max)}, not {Number(value)}");
        }
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
