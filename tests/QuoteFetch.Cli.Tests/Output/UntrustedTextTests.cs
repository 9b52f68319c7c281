namespace QuoteFetch.Cli.Tests.Output;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("\u001b[31mNMS", "[31mNMS")] // ESC: a colour or title sequence would run when the file is cat'ed
    [InlineData("NMS\u0007", "NMS")] // BEL
    [InlineData("N\u0000MS", "NMS")] // NUL
    [InlineData("\u009b31mNMS", "31mNMS")] // C1 CSI, the one-byte form of ESC [
    [InlineData("N\u007fMS", "NMS")] // DEL
    [InlineData("abc\u202Eevil", "abcevil")] // bidi override (Trojan Source)
    [InlineData("\u2066a\u2069\u200E\u200F\u061C", "a")] // bidi isolates and marks
    [InlineData("a\u200Bb\u200Cc\u200Dd\u2060e\uFEFF", "abcde")] // zero-width characters
    public void ForCsv_ControlBidiAndZeroWidthCharacters_AreRemoved(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForCsv(text));

    [Theory]
    [InlineData("line1\nline2", "line1 line2")]
    [InlineData("a\tb\r\nc", "a b  c")]
    public void ForCsv_LineBreaksAndTabs_BecomeSpaces_SoOneRowIsOneLine(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForCsv(text));

    [Theory]
    [InlineData("\u001b=cmd", "'=cmd")]
    [InlineData("\u0000+1", "'+1")]
    [InlineData("\u202E=cmd", "'=cmd")]
    [InlineData("\u200B@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-5", "'-5")]
    public void ForCsv_FormulaBehindRemovedCharacters_IsStillNeutralised(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForCsv(text));

    [Theory]
    [InlineData("New York Stock Exchange", "New York Stock Exchange")]
    [InlineData("Börse Stuttgart, Xetra", "\"Börse Stuttgart, Xetra\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("東京証券取引所", "東京証券取引所")]
    [InlineData("📈 up", "📈 up")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ForCsv_LegitimateText_KeepsItsCharactersAndRfc4180Quoting(string? text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForCsv(text));

    [Theory]
    [InlineData("\u001b[31mNMS\u0007", "[31mNMS")]
    [InlineData("abc\u202Eevil\u2066", "abcevil")]
    [InlineData("a\u200Bb\uFEFF", "ab")]
    [InlineData("line1\nline2", "line1 line2")]
    [InlineData("[red]EVIL[/]", "[red]EVIL[/]")]
    public void ForTerminal_ControlBidiAndZeroWidthCharacters_AreRemoved(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForTerminal(text));

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
    [InlineData("\t=x", "' =x")] // the tab becomes a space, and a formula behind spaces is still a formula
    [InlineData("  @x", "'  @x")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    public void ForCsv_Cell_IsQuotedAndFormulaSafe(string? text, string expected)
    {
        Assert.Equal(expected, UntrustedText.ForCsv(text));
    }
}
