namespace QuoteFetch.Cli.Tests.Commands;

public sealed class CliConsoleTests
{
    [Theory]
    [InlineData(120, 120)]
    [InlineData(40, 40)]
    [InlineData(20, 40)] // narrower than a usable table: wrap at 40 and let the terminal fold
    [InlineData(0, 80)] // a terminal that reports no size
    [InlineData(-1, 80)]
    public void Table_width_follows_the_terminal(int reportedColumns, int expected) =>
        Assert.Equal(expected, CliConsole.TerminalWidth(reportedColumns));
}
