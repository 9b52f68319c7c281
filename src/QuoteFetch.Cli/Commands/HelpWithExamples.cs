using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace QuoteFetch.Cli;

/// <summary>
/// A subcommand's --help followed by its examples: in the description they would also fill the root's list of
/// commands, which shows each description whole.
/// </summary>
internal sealed class HelpWithExamples(string examples) : SynchronousCommandLineAction
{
    private readonly HelpAction _help = new();

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = _help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(examples);
        return exitCode;
    }
}
