using QuoteFetch.Cli.Tests.Process;

namespace QuoteFetch.Cli.Tests.Commands;

public sealed class CompletionTests
{
    [Theory]
    [InlineData(new[] { "hist" }, new[] { "history" })]
    [InlineData(new[] { "--format", "" }, new[] { "csv", "json", "ndjson", "table" })]
    [InlineData(new[] { "history", "--interval", "1m" }, new[] { "1m", "1mo" })]
    [InlineData(new[] { "history", "--ran" }, new[] { "--range" })]
    [InlineData(new[] { "completion", "" }, new[] { "--help", "-?", "-h", "bash", "fish", "zsh" })]
    [InlineData(new[] { "--format", "n" }, new[] { "ndjson" })]
    public async Task Request_ListsWhatMayComeNext(string[] words, string[] expected)
    {
        var run = await CliRun.RunAsync([Completion.Request, .. words]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutLines);
    }

    [Fact]
    public async Task Request_ForANewWord_OffersTheSubcommandsAndOptions()
    {
        var run = await CliRun.RunAsync([Completion.Request, ""]);

        Assert.Contains("history", run.OutLines);
        Assert.Contains("quote", run.OutLines);
        Assert.Contains("--concurrency", run.OutLines);
        Assert.DoesNotContain("/h", run.OutLines);
    }

    [Fact]
    public async Task Script_UnknownShell_IsAUsageError()
    {
        var run = await CliRun.RunAsync(["completion", "tcsh"]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith(
            "quotefetch: completion takes one of bash, zsh, fish, not 'tcsh'",
            run.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Bash_SourcedScript_CompletesASubcommandAndAFormat()
    {
        // The script calls `quotefetch` by name: a function stands in for the installed program.
        using var process = CliProcess.StartBash(
            """
            source <(quotefetch completion bash)
            COMP_WORDS=(quotefetch hist); COMP_CWORD=1; _quotefetch_complete; echo "subcommand: ${COMPREPLY[*]}"
            COMP_WORDS=(quotefetch history --format n); COMP_CWORD=3; _quotefetch_complete; echo "format: ${COMPREPLY[*]}"
            complete -p quotefetch
            """
        );

        var (exitCode, output, error) = await process.WaitAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            ["subcommand: history", "format: ndjson", "complete -o default -F _quotefetch_complete quotefetch"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        );
    }
}
