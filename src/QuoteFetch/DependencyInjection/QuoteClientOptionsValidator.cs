using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace QuoteFetch;

/// <summary>
/// <see cref="QuoteClientOptions.Validate"/> for the options system, so <c>ValidateOnStart</c> stops a host with a bad
/// setting: the message starts with the setting's configuration key (<c>QuoteFetch:MaxConcurrency: ...</c>).
/// </summary>
internal sealed class QuoteClientOptionsValidator : IValidateOptions<QuoteClientOptions>
{
    public ValidateOptionsResult Validate(string? name, QuoteClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            var key = $"{QuoteFetchServiceCollectionExtensions.ConfigurationSection}:{ex.ParamName}";
            return ValidateOptionsResult.Fail($"{key}: {Plain(ex)}");
        }
    }

    // The message alone: without " (Parameter 'X')", and on one line with the value that was refused.
    private static string Plain(ArgumentException ex) =>
        ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
