using System.CommandLine;

namespace QuoteFetch.Cli;

/// <summary>
/// Shell completion: <c>quotefetch completion bash|zsh|fish</c> prints a script to source, and the script asks the
/// program itself, <c>quotefetch [complete] WORD...</c>, what may come next, so completions never drift from the
/// options.
/// </summary>
internal static class Completion
{
    /// <summary>The first argument of a completion request: no symbol or option looks like it.</summary>
    public const string Request = "[complete]";

    private static readonly string[] Shells = ["bash", "zsh", "fish"];

    /// <summary>
    /// Writes what may replace the last of <paramref name="words"/> (the word under the cursor, "" for a new one), one
    /// per line; <paramref name="words"/> are the command line after the program's name.
    /// </summary>
    public static void Complete(Command root, IReadOnlyList<string> words, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(output);
        // The parser completes at a position in a line; the cursor is at the end of the last word.
        var line = string.Join(' ', words.Select(Quote));
        var parse = root.Parse(line);
        // The parser matches anywhere in a word ("n" finds json); shells replace a prefix. Windows spellings of help
        // (/h, /?) are noise on the shells this serves.
        var typed = words.Count > 0 ? words[^1] : "";
        foreach (
            var item in parse
                .GetCompletions(line.Length)
                .Where(item => item.Label.StartsWith(typed, StringComparison.Ordinal) && !item.Label.StartsWith('/'))
        )
        {
            output.WriteLine(item.InsertText ?? item.Label);
        }
    }

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(char.IsWhiteSpace) && !word.Contains('"', StringComparison.Ordinal) ? word
        : word.Length == 0 ? ""
        : '"' + word.Replace("\"", "\\\"", StringComparison.Ordinal) + '"';

    public static Command Command(TextWriter? output = null)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.Validators.Add(result =>
        {
            if (!Shells.Contains(result.GetValueOrDefault<string>(), StringComparer.Ordinal))
            {
                result.AddError($"completion takes one of bash, zsh, fish, not '{SharedOptions.LastToken(result)}'");
            }
        });
        shell.CompletionSources.Add(Shells);
        var command = new Command(
            "completion",
            "Print a shell completion script: source <(quotefetch completion bash), or see README"
        )
        {
            shell,
        };
        command.SetAction(parse =>
        {
            (output ?? parse.InvocationConfiguration.Output).Write(Script(parse.GetValue(shell)!));
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Script(string shell) =>
        shell switch
        {
            "bash" => """
                # quotefetch completion for bash: source <(quotefetch completion bash)
                _quotefetch_complete() {
                    local IFS=$'\n'
                    COMPREPLY=($(quotefetch '[complete]' "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
                }
                complete -o default -F _quotefetch_complete quotefetch

                """,
            "zsh" => """
                #compdef quotefetch
                # quotefetch completion for zsh: source <(quotefetch completion zsh)
                _quotefetch_complete() {
                    local -a candidates
                    candidates=("${(@f)$(quotefetch '[complete]' "${(@)words[2,$CURRENT]}" 2>/dev/null)}")
                    compadd -- $candidates
                }
                compdef _quotefetch_complete quotefetch

                """,
            _ => """
                # quotefetch completion for fish: quotefetch completion fish | source
                complete -c quotefetch -f -a '(quotefetch "[complete]" (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'

                """,
        };
}
