using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace QuoteFetch;

/// <summary>
/// Reads <see cref="QuoteClientOptions"/> from the section <c>QuoteFetch</c> of the container's configuration, when it
/// has one: a container built by hand, without a host, works too. A key that names no option is an error, not ignored.
/// </summary>
internal sealed class QuoteClientOptionsFromConfiguration(IServiceProvider services)
    : IConfigureOptions<QuoteClientOptions>
{
    public void Configure(QuoteClientOptions options)
    {
        if (services.GetService<IConfiguration>() is not { } configuration)
        {
            return;
        }
        configuration
            .GetSection(QuoteFetchServiceCollectionExtensions.ConfigurationSection)
            .Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
    }
}
