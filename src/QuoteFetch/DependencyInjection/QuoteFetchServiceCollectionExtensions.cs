using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuoteFetch;

// Where IServiceCollection is, so `using Microsoft.Extensions.DependencyInjection;` is all a host needs.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace Microsoft.Extensions.DependencyInjection;

#pragma warning restore IDE0130

/// <summary>Registers <see cref="QuoteClient"/> with a service container.</summary>
public static class QuoteFetchServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddQuoteFetch"/> reads <see cref="QuoteClientOptions"/> from.</summary>
    public const string ConfigurationSection = "QuoteFetch";

    /// <summary>
    /// Registers <see cref="QuoteClient"/> as a typed client of IHttpClientFactory, with the retries, batch-wide pause,
    /// rate limit and per-attempt timeouts of the command-line tool, run around the factory's
    /// <see cref="HttpClient"/> so that every handler of it sees each attempt. Options come from the configuration
    /// section <c>QuoteFetch</c> (when the container has an <c>IConfiguration</c>), then from
    /// <paramref name="configure"/>, and are checked when the host starts: a bad setting stops the start with a message
    /// naming its key, such as <c>QuoteFetch:MaxConcurrency</c>. Every client the container hands out shares one pause
    /// and one rate limit.
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <param name="configure">Sets options in code, after the configuration section is read; null for none.</param>
    /// <returns>The client's builder, to add handlers to (not another retry: the client retries already).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddQuoteFetch(
        this IServiceCollection services,
        Action<QuoteClientOptions>? configure = null
    )
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<QuoteClientOptions>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IConfigureOptions<QuoteClientOptions>, QuoteClientOptionsFromConfiguration>()
        );
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<QuoteClientOptions>, QuoteClientOptionsValidator>()
        );
        options.ValidateOnStart();
        // One per container, outside the handlers IHttpClientFactory recycles: a pause or a rate limit covers every
        // client and survives a handler's rotation.
        services.TryAddSingleton(sp => new SourceThrottle(OptionsOf(sp), ClockOf(sp), LoggerOf(sp)));
        var builder = services.AddHttpClient(nameof(QuoteClient));
        builder.AddTypedClient(
            (HttpClient http, IServiceProvider sp) =>
                new QuoteClient(
                    http,
                    QuoteClient.Checked(OptionsOf(sp)),
                    sp.GetRequiredService<SourceThrottle>(),
                    ClockOf(sp),
                    LoggerOf(sp)
                )
        );
        return builder
            .ConfigurePrimaryHttpMessageHandler(sp => HttpPipeline.CreatePrimaryHandler(OptionsOf(sp)))
            // Timeouts are the client's, per attempt; the factory's 100 s default would be a second, hidden one.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
    }

    private static QuoteClientOptions OptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<QuoteClientOptions>>().Value;

    private static TimeProvider ClockOf(IServiceProvider services) =>
        services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger LoggerOf(IServiceProvider services) =>
        services.GetService<ILogger<QuoteClient>>() ?? (ILogger)Logging.Abstractions.NullLogger.Instance;
}
