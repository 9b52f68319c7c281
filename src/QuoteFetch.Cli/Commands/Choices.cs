using System.CommandLine.Parsing;

namespace QuoteFetch.Cli;

/// <summary>
/// The words an option takes, matched without regard to case. Parsing them here rather than as enum names keeps
/// .NET's type names out of the error ("must be one of table, json, csv, ndjson") and needs no reflection (AOT).
/// </summary>
internal sealed class Choices<T>
    where T : struct
{
    private readonly (string Name, T Value)[] _choices;
    private readonly string _shown;

    /// <param name="choices">Each spelling and its value; the first spelling of each value is the one shown.</param>
    public Choices(params (string Name, T Value)[] choices)
    {
        _choices = choices;
        _shown = string.Join(", ", choices.DistinctBy(choice => choice.Value).Select(choice => choice.Name));
    }

    /// <summary>The spellings shown in help and errors, also what shell completion offers.</summary>
    public IEnumerable<string> Shown => _choices.DistinctBy(choice => choice.Value).Select(choice => choice.Name);

    public T? Parse(ArgumentResult result, string option) => Parse(result, SharedOptions.LastToken(result), option);

    /// <param name="result">Where an error goes.</param>
    /// <param name="text">The word to match.</param>
    /// <param name="option">The option or variable it came from, for the error.</param>
    public T? Parse(ArgumentResult result, string text, string option)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (name, value) in _choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        result.AddError($"{option} must be one of {_shown}, not '{text}'");
        return null;
    }
}
