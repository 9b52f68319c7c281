namespace QuoteFetch.Cli.Tests.Output;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("NMS", "NMS")]
    [InlineData("[red]EVIL[/]\u001b[31m\u0007X", "[red]EVIL[/][31mX")]
    [InlineData("a\u009bb\u0000c", "abc")]
    [InlineData(null, "")]
    public void ForTerminal_ControlCharacters_AreRemoved(string? text, string expected)
    {
        Assert.Equal(expected, UntrustedText.ForTerminal(text));
    }

    [Theory]
    [InlineData(
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""
    )]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    public void ForCsv_Cell_IsQuotedAndFormulaSafe(string? text, string expected)
    {
        Assert.Equal(expected, UntrustedText.ForCsv(text));
    }
}
