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
        CustomParser = result => FormatChoices.Parse(result, "--format"),
    };

    private readonly Option<OutputOrder?> _orderOption = new("--order")
    {
        Description =
            "input: results in the order given; completion: each result as soon as it arrives [default: input]",
        HelpName = "input|completion",
        CustomParser = result => OrderChoices.Parse(result, "--order"),
    };

    private readonly Option<int> _concurrencyOption = new("--concurrency", "-c")
    {
        Description =
            "Most requests in flight at once (also the connection pool size); lowered to fit the open-file limit",
        DefaultValueFactory = _ => Defaults.MaxConcurrency,
        HelpName = "N",
        CustomParser = result =>
            WholeNumber(result, "--concurrency", 1, QuoteClientOptions.MaxMaxConcurrency) ?? Defaults.MaxConcurrency,
    };

    private readonly Option<double> _timeoutOption = new("--timeout")
    {
        Description = "Seconds one attempt may take",
        DefaultValueFactory = _ => Defaults.Timeout.TotalSeconds,
        HelpName = "SECONDS",
        CustomParser = result =>
            Number(
                result,
                "--timeout",
                "a number of seconds",
                QuoteClientOptions.MinTimeout.TotalSeconds,
                QuoteClientOptions.MaxTimeout.TotalSeconds
            ) ?? Defaults.Timeout.TotalSeconds,
    };

    private readonly Option<int> _retriesOption = new("--retries")
    {
        Description = "Retries for transient failures (429, 5xx, resets, timeouts); 0 disables",
        DefaultValueFactory = _ => Defaults.MaxRetries,
        HelpName = "N",
        CustomParser = result =>
            WholeNumber(result, "--retries", 0, QuoteClientOptions.MaxMaxRetries) ?? Defaults.MaxRetries,
    };

    private readonly Option<double?> _deadlineOption = new("--deadline")
    {
        Description =
            "Seconds for the whole run; then what arrived is printed and the rest marked timeout [default: none]",
        HelpName = "SECONDS",
        CustomParser = result =>
            Number(
                result,
                "--deadline",
                "a number of seconds",
                QuoteClientOptions.MinTimeout.TotalSeconds,
                QuoteClientOptions.MaxDeadline.TotalSeconds
            ),
    };

    private readonly Option<double?> _rateOption = new("--rate")
    {
        Description = "Client-side limit in requests per second, retries included [default: none]",
        HelpName = "N",
        CustomParser = result =>
            Number(
                result,
                "--rate",
                "a number of requests per second",
                QuoteClientOptions.MinRequestsPerSecond,
                QuoteClientOptions.MaxRequestsPerSecond
            ),
    };

    private readonly Option<Uri?> _baseUrlOption = new("--base-url")
    {
        Description =
            $"Source base URL (also ${BaseUrlVariable}), http:// or https://, no query, fragment or password "
            + $"[default: {Defaults.BaseAddress.OriginalString}]",
        HelpName = "URL",
        CustomParser = result =>
        {
            var url = BaseUrl.Parse(LastToken(result), "--base-url", out var problem);
            if (problem is not null)
            {
                result.AddError(problem);
            }
            return url;
        },
    };

    private readonly Option<QuoteHttpVersion?> _httpVersionOption = new("--http-version")
    {
        Description = "HTTP version: 1.1, 2 or auto (HTTP/2 where the server offers it over TLS) [default: auto]",
        HelpName = "1.1|2|auto",
        CustomParser = result => HttpVersionChoices.Parse(result, "--http-version"),
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

    public SharedOptions()
    {
        _fileOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 })
            {
                result.AddError("--file must be a path, or '-' for standard input, not ''");
            }
        });
        _userAgentOption.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(text))
            {
                result.AddError("--user-agent must not be empty");
            }
            else if (text.FirstOrDefault(char.IsControl) is var control && control != default)
            {
                // CR or LF would end the header and start another on the wire.
                result.AddError($"--user-agent must not contain control characters (found U+{(int)control:X4})");
            }
            else if (text.FirstOrDefault(c => c is < ' ' or > '~') is var other && other != default)
            {
                // HttpClient refuses any other header byte, and would fail every symbol instead of the command line.
                result.AddError($"--user-agent must be printable ASCII, as HTTP headers are (found U+{(int)other:X4})");
            }
        });
    }

    /// <summary>Adds every shared option (the same instances) to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_symbolsArgument);
        foreach (
            var option in (Option[])
                [
                    _tickersOption,
                    _fileOption,
                    _formatOption,
                    _orderOption,
                    _concurrencyOption,
                    _timeoutOption,
                    _retriesOption,
                    _deadlineOption,
                    _rateOption,
                    _baseUrlOption,
                    _httpVersionOption,
                    _userAgentOption,
                    _verboseOption,
                ]
        )
        {
            command.Add(option);
        }
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
        var options = new QuoteClientOptions
        {
            BaseAddress = parse.GetValue(_baseUrlOption) ?? BaseUrlFromEnvironment(console),
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
        return new SharedSettings(
            symbols,
            parse.GetValue(_formatOption),
            parse.GetValue(_orderOption) ?? OutputOrder.Input,
            parse.GetValue(_verboseOption),
            options
        );
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

    private static Uri BaseUrlFromEnvironment(CliConsole console)
    {
        // Set but empty counts as unset, as for most variables.
        var text = console.GetEnvironmentVariable(BaseUrlVariable);
        if (string.IsNullOrEmpty(text))
        {
            return Defaults.BaseAddress;
        }
        return BaseUrl.Parse(text, BaseUrlVariable, out var problem)
            ?? throw new UsageException(problem!, $"fix or unset {BaseUrlVariable}, or pass --base-url");
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

    /// <summary>The value an option was given, the last one if given more than once; empty if none.</summary>
    internal static string LastToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    // The number parsers return null after adding the error: the parse has then failed, so no value is ever read.
    internal static int? WholeNumber(ArgumentResult result, string name, int min, int max)
    {
        var text = LastToken(result);
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

    internal static double? Number(ArgumentResult result, string name, string what, double min, double max)
    {
        var text = LastToken(result);
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
