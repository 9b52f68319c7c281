using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace QuoteFetch.FakeYahoo;

/// <summary>The few flags of the standalone server, parsed by hand to keep the fake free of packages.</summary>
internal static class StandaloneArguments
{
    public const string DefaultUrl = "http://127.0.0.1:5099";

    public const string Usage = """
        Usage: dotnet run --project tests/QuoteFetch.FakeYahoo -- [options]
          --urls URL          where to listen (default http://127.0.0.1:5099; https://... implies --https)
          --latency-ms N      added before every answer
          --unknown SYM,SYM   more symbols answered 404 (FB and NONEXIST always are)
          --h2c               HTTP/2 only (cleartext: prior knowledge)
          --https             self-signed certificate, ALPN h2 and http/1.1
          --help              this text
        """;

    public static bool IsHelp(string[] args) => args.Any(arg => arg is "--help" or "-h" or "-?");

    /// <exception cref="ArgumentException">An unknown flag or a bad value; the message says which.</exception>
    public static FakeYahooOptions Parse(string[] args)
    {
        var options = new FakeYahooOptions();
        string? url = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value() =>
                inlineValue ?? (++i < args.Length ? args[i] : throw new ArgumentException($"{name} needs a value."));

            switch (name)
            {
                case "--urls":
                    url = Value();
                    break;
                case "--latency-ms":
                    var text = Value();
                    options.Latency = int.TryParse(
                        text,
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var milliseconds
                    )
                        ? TimeSpan.FromMilliseconds(milliseconds)
                        : throw new ArgumentException(
                            $"--latency-ms wants a whole number of milliseconds, not \"{text}\"."
                        );
                    break;
                case "--unknown":
                    foreach (
                        var symbol in Value()
                            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    )
                    {
                        options.UnknownSymbols.TryAdd(symbol, 0);
                    }

                    break;
                case "--h2c":
                    options.Protocols = HttpProtocols.Http2;
                    break;
                case "--https":
                    options.UseHttps = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option \"{args[i]}\".");
            }
        }

        ApplyUrl(options, url);
        return options;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static void ApplyUrl(FakeYahooOptions options, string? url)
    {
        url ??= options.UseHttps ? DefaultUrl.Replace("http:", "https:", StringComparison.Ordinal) : DefaultUrl;

        // Kestrel's wildcard hosts are not valid URI hosts; parse with a stand-in and keep the wildcard.
        var wildcard =
            url.Contains("://*", StringComparison.Ordinal) ? "*"
            : url.Contains("://+", StringComparison.Ordinal) ? "+"
            : null;
        var parsable = wildcard is null ? url : url.Replace("://" + wildcard, "://0.0.0.0", StringComparison.Ordinal);
        if (
            !Uri.TryCreate(parsable, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/"
            || url.Contains(';', StringComparison.Ordinal)
        )
        {
            throw new ArgumentException($"--urls wants one http:// or https:// URL with host and port, not \"{url}\".");
        }

        if (uri.Scheme == "http" && options.UseHttps)
        {
            throw new ArgumentException($"--https conflicts with the http:// URL \"{url}\".");
        }

        options.UseHttps = uri.Scheme == "https";
        options.Host = wildcard ?? uri.IdnHost;
        options.Port = uri.Port;
    }
}
