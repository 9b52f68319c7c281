using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace QuoteFetch.Cli;

/// <summary>
/// The symbols, the output and the client options every subcommand takes: declared once, added to each command, and
/// bound to the same <see cref="SharedSettings"/>, so <c>quote</c> and <c>history</c> cannot drift apart.
/// </summary>
internal sealed class SharedOptions
{
    private static readonly QuoteClientOptions Defaults = new();

    public const string BaseUrlVariable = "QUOTEFETCH_BASE_URL";

    private static readonly Choices<OutputFormat> FormatChoices = new(
        ("table", OutputFormat.Table),
        ("json", OutputFormat.Json),
        ("csv", OutputFormat.Csv),
        ("ndjson", OutputFormat.Ndjson)
    );

    private static readonly Choices<OutputOrder> OrderChoices = new(
        ("input", OutputOrder.Input),
        ("completion", OutputOrder.Completion)
    );

    // The first of each is what --help and errors show; the others are spellings people type.
    private static readonly Choices<QuoteHttpVersion> HttpVersionChoices = new(
        ("1.1", QuoteHttpVersion.Http11),
        ("2", QuoteHttpVersion.Http2),
        ("auto", QuoteHttpVersion.Auto),
        ("1", QuoteHttpVersion.Http11),
        ("http/1.1", QuoteHttpVersion.Http11),
        ("2.0", QuoteHttpVersion.Http2),
        ("http/2", QuoteHttpVersion.Http2)
    );

    private readonly Argument<string[]> _symbolsArgument = new("SYMBOL")
    {
        Description = "Ticker symbols, e.g. AAPL MSFT ^GSPC EURUSD=X BTC-USD VOD.L",
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
            "Read symbols from a file, or '-' for standard input: one or more per line, comma or space separated, "
            + $"'#' comments; lines up to {SymbolSource.MaxLineLength} characters, up to {SymbolSource.MaxSymbols} "
            + "distinct symbols. Symbols are used in the order given on the command line",
        HelpName = "PATH",
    };

    private readonly Option<OutputFormat?> _formatOption = new("--format")
    {
        Description = "Output format [default: table on a terminal, csv otherwise]",
        HelpName = "table|json|csv|ndjson",
    };

    private readonly Option<OutputOrder?> _orderOption = new("--order")
    {
        Description =
            "input: results in the order given; completion: each result as soon as it arrives [default: input]",
        HelpName = "input|completion",
    };

    private readonly Option<int> _concurrencyOption = new("--concurrency", "-c")
    {
        Description =
            "Most requests in flight at once (also the connection pool size); lowered to fit the open-file limit",
        HelpName = "N",
    };

    private readonly Option<double> _timeoutOption = new("--timeout")
    {
        Description = "Seconds one attempt may take",
        HelpName = "SECONDS",
    };

    private readonly Option<int> _retriesOption = new("--retries")
    {
        Description = "Retries for transient failures (429, 5xx, resets, timeouts); 0 disables",
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

    private readonly Option<Uri?> _baseUrlOption = new("--base-url")
    {
        Description =
            $"Source base URL (also ${BaseUrlVariable}), http:// or https://, no query, fragment or password "
            + $"[default: {Defaults.BaseAddress.OriginalString}]",
        HelpName = "URL",
    };

    private readonly Option<QuoteHttpVersion?> _httpVersionOption = new("--http-version")
    {
        Description = "HTTP version: 1.1, 2 or auto (HTTP/2 where the server offers it over TLS) [default: auto]",
        HelpName = "1.1|2|auto",
    };

    private readonly Option<string?> _userAgentOption = new("--user-agent")
    {
        Description = "User-Agent header [default: a desktop browser's; Yahoo answers bare clients with 429]",
        HelpName = "TEXT",
    };

    private readonly Option<bool> _noColorOption = new("--no-color")
    {
        Description = "No colours, as with NO_COLOR set [default: colours on a terminal]",
    };

    private readonly Option<bool> _verboseOption = new("--verbose", "-v")
    {
        Description = "Log each request, retry and result with elapsed milliseconds to standard error",
    };

    private readonly Option<bool> _noCacheOption = new("--no-cache")
    {
        Description =
            $"Neither read nor write the local cache this run (the cache: ${CacheLocation.DirectoryVariable})",
    };

    private readonly Func<string, string?> _environment;
    private readonly List<(string Option, string Variable)> _variables = [];

    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    public SharedOptions(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _fileOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 })
            {
                result.AddError("--file must be a path, or '-' for standard input, not ''");
            }
        });
        // Completion offers the words the parsers take, not the enums' names.
        _formatOption.CompletionSources.Clear();
        _formatOption.CompletionSources.Add([.. FormatChoices.Shown]);
        _orderOption.CompletionSources.Clear();
        _orderOption.CompletionSources.Add([.. OrderChoices.Shown]);
        _httpVersionOption.CompletionSources.Clear();
        _httpVersionOption.CompletionSources.Add([.. HttpVersionChoices.Shown]);
        FromEnvironment(_formatOption, "QUOTEFETCH_FORMAT", FormatChoices.Parse, () => null);
        FromEnvironment(_orderOption, "QUOTEFETCH_ORDER", OrderChoices.Parse, () => null);
        FromEnvironment(
            _concurrencyOption,
            "QUOTEFETCH_CONCURRENCY",
            (result, text, name) =>
                WholeNumber(result, text, name, 1, QuoteClientOptions.MaxMaxConcurrency) ?? Defaults.MaxConcurrency,
            () => Defaults.MaxConcurrency
        );
        FromEnvironment(
            _timeoutOption,
            "QUOTEFETCH_TIMEOUT",
            (result, text, name) =>
                Seconds(
                    result,
                    text,
                    name,
                    QuoteClientOptions.MinTimeout.TotalSeconds,
                    QuoteClientOptions.MaxTimeout.TotalSeconds
                ) ?? Defaults.Timeout.TotalSeconds,
            () => Defaults.Timeout.TotalSeconds
        );
        FromEnvironment(
            _retriesOption,
            "QUOTEFETCH_RETRIES",
            (result, text, name) =>
                WholeNumber(result, text, name, 0, QuoteClientOptions.MaxMaxRetries) ?? Defaults.MaxRetries,
            () => Defaults.MaxRetries
        );
        FromEnvironment(
            _deadlineOption,
            "QUOTEFETCH_DEADLINE",
            (result, text, name) =>
                Seconds(
                    result,
                    text,
                    name,
                    QuoteClientOptions.MinTimeout.TotalSeconds,
                    QuoteClientOptions.MaxDeadline.TotalSeconds
                ),
            () => null
        );
        FromEnvironment(
            _rateOption,
            "QUOTEFETCH_RATE",
            (result, text, name) =>
                Number(
                    result,
                    text,
                    name,
                    "a number of requests per second",
                    QuoteClientOptions.MinRequestsPerSecond,
                    QuoteClientOptions.MaxRequestsPerSecond
                ),
            () => null
        );
        FromEnvironment(
            _baseUrlOption,
            BaseUrlVariable,
            (result, text, name) =>
            {
                var url = BaseUrl.Parse(text, name, out var problem);
                if (problem is not null)
                {
                    result.AddError(problem);
                }
                return url;
            },
            () => Defaults.BaseAddress
        );
        FromEnvironment(_httpVersionOption, "QUOTEFETCH_HTTP_VERSION", HttpVersionChoices.Parse, () => null);
        FromEnvironment(_userAgentOption, "QUOTEFETCH_USER_AGENT", UserAgent, () => null);
        // No flag sets it: CacheLocation reads it. Listed so the README's variable table stays complete.
        _variables.Add(("(the cache directory)", CacheLocation.DirectoryVariable));
    }

    /// <summary>
    /// The variable is the option's default: read with the flag's own rules, its errors naming the variable (a parse
    /// error, exit 2, as for the flag), and set but empty counting as unset. A flag given on the command line wins, and
    /// then the variable is never read.
    /// </summary>
    private void FromEnvironment<T>(
        Option<T> option,
        string variable,
        Func<ArgumentResult, string, string, T> parse,
        Func<T> fallback
    )
    {
        _variables.Add((option.Name, variable));
        option.CustomParser = result => parse(result, LastToken(result), option.Name);
        option.DefaultValueFactory = result =>
            _environment(variable) is { Length: > 0 } text ? parse(result, text, variable) : fallback();
    }

    private static string? UserAgent(ArgumentResult result, string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{name} must not be empty");
        }
        else if (text.FirstOrDefault(char.IsControl) is var control && control != default)
        {
            // CR or LF would end the header and start another on the wire.
            result.AddError($"{name} must not contain control characters (found U+{(int)control:X4})");
        }
        else if (text.FirstOrDefault(c => c is < ' ' or > '~') is var other && other != default)
        {
            // HttpClient refuses any other header byte, and would fail every symbol instead of the command line.
            result.AddError($"{name} must be printable ASCII, as HTTP headers are (found U+{(int)other:X4})");
        }
        return text;
    }

    /// <summary>
    /// The console the run writes to: with --no-color, one whose NO_COLOR is set, so every colour decision (tables,
    /// progress bar) follows the one rule it already follows for the variable.
    /// </summary>
    public CliConsole ConsoleFor(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        if (!parse.GetValue(_noColorOption))
        {
            return console;
        }
        var environment = console.GetEnvironmentVariable;
        return console with { GetEnvironmentVariable = name => name == "NO_COLOR" ? "1" : environment(name) };
    }

    /// <summary>Each option that a variable can set, and the variable: for the help and README table.</summary>
    public IReadOnlyList<(string Option, string Variable)> Variables => _variables;

    /// <summary>Adds every shared option (the same instances) to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_symbolsArgument);
        command.Add(_tickersOption);
        command.Add(_fileOption);
        command.Add(_orderOption);
        command.Add(_noCacheOption);
        AddClientOptionsTo(command);
    }

    public Option<OutputFormat?> FormatOption => _formatOption;

    /// <summary>Whether --format was given (a subcommand may pick its default from elsewhere, e.g. -o's extension).</summary>
    public bool HasFormat(ParseResult parse) => parse.GetResult(_formatOption) is { Implicit: false };

    /// <summary>The shared part of the command line, bound and checked; reads the symbols (-f streams a file).</summary>
    /// <exception cref="UsageException">No usable symbols, an unknown option, or a bad environment variable.</exception>
    public SharedSettings Bind(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var arguments = parse.GetValue(_symbolsArgument) ?? [];
        // The symbols argument swallows unknown tokens; no Yahoo symbol starts with '-', so such a token is a mistyped option.
        if (arguments.FirstOrDefault(token => token.Length > 1 && token[0] == '-') is { } unknown)
        {
            throw new UsageException($"unknown option '{unknown}'", "run 'quotefetch --help' for the options");
        }
        var symbols = SymbolSource.Gather(SymbolItemsInOrder(parse), console);
        if (symbols.Count == 0)
        {
            throw new UsageException(
                "no symbols given",
                "pass symbols as arguments (quotefetch AAPL MSFT), with -t/--tickers, or with -f FILE ('-' for standard input)"
            );
        }
        return BindClient(parse, console) with
        {
            Symbols = symbols,
            Order = parse.GetValue(_orderOption) ?? OutputOrder.Input,
            NoCache = parse.GetValue(_noCacheOption),
        };
    }

    /// <summary>Arguments, <c>-t</c> values and the <c>-f</c> file, in the order the command line gives them.</summary>
    private List<SymbolSourceItem> SymbolItemsInOrder(ParseResult parse)
    {
        // Each result knows its own tokens but not how they interleave; the parse's token list has the order.
        var isFile = new Dictionary<Token, bool>(ReferenceEqualityComparer.Instance);
        foreach (var token in parse.GetResult(_symbolsArgument)?.Tokens ?? [])
        {
            isFile[token] = false;
        }
        foreach (var token in parse.GetResult(_tickersOption)?.Tokens ?? [])
        {
            isFile[token] = false;
        }
        foreach (var token in parse.GetResult(_fileOption)?.Tokens ?? [])
        {
            isFile[token] = true;
        }
        return
        [
            .. parse.Tokens.Where(isFile.ContainsKey).Select(token => new SymbolSourceItem(token.Value, isFile[token])),
        ];
    }

    private static int FitConcurrency(int requested, CliConsole console)
    {
        var limit = OpenFileLimit.Read();
        if (limit is { } low && OpenFileLimit.IsTooLow(low, jit: RuntimeFeature.IsDynamicCodeSupported))
        {
            throw new UsageException(
                $"the open-file limit (ulimit -n is {low}) is too low: this build needs about "
                    + $"{OpenFileLimit.Headroom} open files of its own",
                $"raise it to {OpenFileLimit.JitFloor} or more, e.g. ulimit -n 1024, or use the Native AOT build"
            );
        }
        if (limit is null || requested <= OpenFileLimit.MaxConcurrency(limit.Value))
        {
            return requested;
        }
        // Past the limit, connections fail with "Too many open files" one by one; fewer connections finish the batch.
        var fitted = OpenFileLimit.MaxConcurrency(limit.Value);
        console.Error.WriteLine(
            $"quotefetch: --concurrency {requested} is more than the open-file limit allows (ulimit -n is {limit}); "
                + $"using {fitted}"
        );
        return fitted;
    }

    /// <summary>
    /// Adds the options that shape the client and the output, without the symbol sources and --order: for a
    /// subcommand whose symbols come from elsewhere (<c>portfolio</c> reads them from a holdings file).
    /// </summary>
    public void AddClientOptionsTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (
            var option in (Option[])
                [
                    _formatOption,
                    _concurrencyOption,
                    _timeoutOption,
                    _retriesOption,
                    _deadlineOption,
                    _rateOption,
                    _baseUrlOption,
                    _httpVersionOption,
                    _userAgentOption,
                    _noColorOption,
                    _verboseOption,
                ]
        )
        {
            command.Add(option);
        }
    }

    /// <summary>What <see cref="AddClientOptionsTo"/> added, bound as <see cref="Bind"/> binds it; no symbols.</summary>
    public SharedSettings BindClient(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var options = new QuoteClientOptions
        {
            BaseAddress = parse.GetValue(_baseUrlOption) ?? Defaults.BaseAddress,
            MaxConcurrency = FitConcurrency(parse.GetValue(_concurrencyOption), console),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(_timeoutOption)),
            MaxRetries = parse.GetValue(_retriesOption),
            Deadline = parse.GetValue(_deadlineOption) is { } deadline ? TimeSpan.FromSeconds(deadline) : null,
            RequestsPerSecond = parse.GetValue(_rateOption),
            HttpVersion = parse.GetValue(_httpVersionOption) ?? QuoteHttpVersion.Auto,
        };
        if (parse.GetValue(_userAgentOption) is { } userAgent)
        {
            options.UserAgent = userAgent;
        }
        var format = parse.GetValue(_formatOption);
        return new SharedSettings(
            [],
            HasFormat(parse) ? format : null,
            HasFormat(parse) ? null : format,
            OutputOrder.Input,
            parse.GetValue(_verboseOption),
            options
        );
    }

    /// <summary>The value an option was given, the last one if given more than once; empty if none.</summary>
    /// <summary>
    /// <c>--plot PATH.png</c>: refused unless it names a .png file; <paramref name="thenCheck"/> runs only on a .png path.
    /// </summary>
    internal static Option<string?> PlotOption(string description, Action<OptionResult>? thenCheck = null)
    {
        var option = new Option<string?>("--plot") { Description = description, HelpName = "PATH.png" };
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>() ?? "";
            if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.Length == ".png".Length)
            {
                result.AddError($"--plot must name a .png file, not '{path}'");
            }
            else
            {
                thenCheck?.Invoke(result);
            }
        });
        return option;
    }

    internal static string LastToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    // The number parsers return null after adding the error: the parse has then failed, so no value is ever read.
    internal static int? WholeNumber(ArgumentResult result, string name, int min, int max) =>
        WholeNumber(result, LastToken(result), name, min, max);

    internal static int? WholeNumber(ArgumentResult result, string text, string name, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min
            && value <= max
        )
        {
            return value;
        }
        result.AddError($"{name} must be a whole number from {min} to {max}, not '{text}'");
        return null;
    }

    internal static double? Seconds(ArgumentResult result, string name, double min, double max) =>
        Seconds(result, LastToken(result), name, min, max);

    internal static double? Seconds(ArgumentResult result, string text, string name, double min, double max) =>
        Number(result, text, name, "a number of seconds", min, max);

    internal static double? Number(ArgumentResult result, string text, string name, string what, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Written so that NaN fails the range too.
        if (
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min
            && value <= max
        )
        {
            return value;
        }
        result.AddError($"{name} must be {what} from {Format(min)} to {Format(max)}, not '{text}'");
        return null;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
