using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// A Kestrel server that answers Yahoo Finance's v8 chart endpoint with recorded bodies, deterministic
/// synthetic quotes and configurable faults, and counts what it receives.
/// </summary>
public sealed class FakeYahooServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerStats _stats;
    private readonly Lock _stopLock = new();
    private Task? _stopTask;

    private FakeYahooServer(
        WebApplication app,
        FakeYahooOptions options,
        ServerStats stats,
        X509Certificate2? certificate,
        Uri baseAddress
    )
    {
        _app = app;
        _stats = stats;
        Options = options;
        Certificate = certificate;
        BaseAddress = baseAddress;
    }

    /// <summary>E.g. http://127.0.0.1:41234 (https://… when <see cref="FakeYahooOptions.UseHttps"/>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>May be changed while the server runs.</summary>
    public FakeYahooOptions Options { get; }

    /// <summary>The self-signed server certificate when <see cref="FakeYahooOptions.UseHttps"/>, for clients to pin.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Chart requests received, for all symbols.</summary>
    public int RequestCount => _stats.RequestCount;

    /// <summary>TCP connections accepted since start or <see cref="ResetCounters"/>.</summary>
    public int ConnectionCount => _stats.ConnectionCount;

    /// <summary>The most connections open at once.</summary>
    public int MaxConcurrentConnections => _stats.MaxConcurrentConnections;

    /// <summary>The most chart requests in flight at once (latency included).</summary>
    public int MaxConcurrentRequests => _stats.MaxConcurrentRequests;

    /// <summary>
    /// Request targets exactly as they arrived (path and query, still percent-encoded), oldest first;
    /// only the last <see cref="ServerStats.MaxRawTargets"/> are kept.
    /// </summary>
    public IReadOnlyCollection<string> RawTargets => _stats.RawTargets;

    /// <summary>The User-Agent of the last chart request, null when it had none.</summary>
    public string? LastUserAgent => _stats.LastUserAgent;

    /// <summary>E.g. "HTTP/1.1", "HTTP/2".</summary>
    public IReadOnlyCollection<string> ProtocolsSeen => _stats.ProtocolsSeen;

    /// <summary>Starts on <see cref="FakeYahooOptions.Host"/> (127.0.0.1) and <see cref="FakeYahooOptions.Port"/> (0: a free port).</summary>
    public static Task<FakeYahooServer> StartAsync(
        FakeYahooOptions? options = null,
        CancellationToken cancellationToken = default
    ) => StartAsync(options ?? new FakeYahooOptions(), logToConsole: false, cancellationToken);

    /// <summary>The exact JSON number text served as regularMarketPrice for a synthetic symbol.</summary>
    public static string SyntheticPriceText(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return SyntheticChart.PriceText(symbol);
    }

    /// <summary>The exact JSON number text served as chartPreviousClose and previousClose for a synthetic symbol.</summary>
    public static string SyntheticPreviousCloseText(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return SyntheticChart.PreviousCloseText(symbol);
    }

    /// <summary>Chart attempts received for one symbol (as decoded from the path, case-sensitive).</summary>
    public int RequestsFor(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _stats.RequestsFor(symbol);
    }

    /// <summary>The query string (with its "?", or empty) of the symbol's last chart request; null if none came.</summary>
    public string? LastQueryFor(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _stats.LastQueryFor(symbol);
    }

    /// <summary>
    /// Zeroes the counts and per-symbol attempts, so faults with a limited <see cref="FakeFault.Times"/> start over.
    /// The concurrency high-water marks restart from what is open now.
    /// </summary>
    public void ResetCounters() => _stats.Reset();

    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <param name="logToConsole">Warnings and errors to stderr, for the standalone server; in-process hosts stay quiet.</param>
    internal static async Task<FakeYahooServer> StartAsync(
        FakeYahooOptions options,
        bool logToConsole,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = options.UseHttps ? SelfSignedCertificate.Create() : null;
        WebApplication? app = null;
        try
        {
            var stats = new ServerStats();
            app = Build(options, stats, certificate, logToConsole);
            await app.StartAsync(cancellationToken);

            var address = app
                .Services.GetRequiredService<IServer>()
                .Features.GetRequiredFeature<IServerAddressesFeature>()
                .Addresses.First();
            return new FakeYahooServer(app, options, stats, certificate, new Uri(address));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            certificate?.Dispose();
            throw;
        }
    }

    private static WebApplication Build(
        FakeYahooOptions options,
        ServerStats stats,
        X509Certificate2? certificate,
        bool logToConsole
    )
    {
        // No args and no configuration sources: the host process's environment variables, appsettings
        // and URLs must not change what the fake serves or where it listens.
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                Args = [],
                ApplicationName = typeof(FakeYahooServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
            }
        );
        builder.Configuration.Sources.Clear();

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logToConsole)
        {
            builder.Logging.AddSimpleConsole();
            // A failed start is thrown to the caller; the host's own log of it would print the stack trace twice.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
                console.LogToStandardErrorThreshold = LogLevel.Trace
            );
        }

        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        // Waits blocked in latency or huge bodies are cancelled on stop; a short timeout covers the rest.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Listen(
                kestrel,
                options,
                listen =>
                {
                    // Cleartext HTTP/1.1 + HTTP/2 is HTTP/1.1 only (no ALPN); saying so up front spares Kestrel's warning.
                    listen.Protocols =
                        certificate is null && options.Protocols == HttpProtocols.Http1AndHttp2
                            ? HttpProtocols.Http1
                            : options.Protocols;
                    listen.Use(next =>
                        async connection =>
                        {
                            stats.ConnectionOpened();
                            try
                            {
                                await next(connection);
                            }
                            finally
                            {
                                stats.ConnectionClosed();
                            }
                        }
                    );

                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                }
            );
        });

        var app = builder.Build();
        var chart = new ChartEndpoint(options, stats, app.Lifetime.ApplicationStopping);
        app.MapGet(ChartEndpoint.Route, chart.HandleAsync);
        app.MapFallback("{**path}", ChartEndpoint.NotFoundAsync);
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, FakeYahooOptions options, Action<ListenOptions> configure)
    {
        var host = options.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel cannot pick a free port for "localhost" (it binds IPv4 and IPv6 separately).
            if (options.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0, configure);
            }
            else
            {
                kestrel.ListenLocalhost(options.Port, configure);
            }
        }
        else if (host is "*" or "+")
        {
            kestrel.ListenAnyIP(options.Port, configure);
        }
        else if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, options.Port, configure);
        }
        else
        {
            throw new ArgumentException(
                $"Host must be an IP address, \"localhost\", \"*\" or \"+\", not \"{host}\".",
                nameof(options)
            );
        }
    }

    private async Task StopCoreAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            Certificate?.Dispose();
        }
    }
}
