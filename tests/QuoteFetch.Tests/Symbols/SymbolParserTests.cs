namespace QuoteFetch.Tests.Symbols;

public sealed class SymbolParserTests
{
    [Theory]
    [InlineData("BRK-B")]
    [InlineData("^GSPC")]
    [InlineData("EURUSD=X")]
    [InlineData("BTC-USD")]
    [InlineData("VOD.L")]
    [InlineData("M&M.NS")]
    [InlineData("0P000071W8.TO")]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Parse_YahooStyleSymbol_IsValid(string symbol)
    {
        var inputs = SymbolParser.Parse([symbol]);

        Assert.True(inputs[0].IsValid, inputs[0].Problem);
    }

    [Theory]
    [InlineData("AAPL/../../v7", "'/' is not allowed")]
    [InlineData("AA PL", "' ' is not allowed")]
    [InlineData("AAPL?x=1", "'?' is not allowed")]
    [InlineData("AAPL#frag", "'#' is not allowed")]
    [InlineData("AAP%4C", "'%' is not allowed")]
    [InlineData("ÄPPLE", "'Ä' is not allowed")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "longer than 32 characters")]
    [InlineData("   ", "it is empty")]
    public void Parse_OutsideAlphabet_IsInvalidWithReason(string symbol, string reason)
    {
        var inputs = SymbolParser.Parse([symbol]);

        Assert.False(inputs[0].IsValid);
        Assert.Contains(reason, inputs[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacter_IsNotEchoedInTheReason()
    {
        var inputs = SymbolParser.Parse(["AB\u001b[31mC"]);

        Assert.False(inputs[0].IsValid);
        Assert.DoesNotContain('\u001b', inputs[0].Problem!);
    }

    [Fact]
    public void Parse_LowerCaseAndPadding_AreNormalized()
    {
        var inputs = SymbolParser.Parse(["  aapl ", "brk-b", "eurusd=x"]);

        Assert.Equal(["AAPL", "BRK-B", "EURUSD=X"], inputs.Select(input => input.Text));
    }

    [Fact]
    public void Parse_Repeats_FirstOccurrenceWinsAndOrderIsKept()
    {
        var inputs = SymbolParser.Parse(["MSFT", "aapl", "AAPL", "msft ", "GOOG"]);

        Assert.Equal(["MSFT", "AAPL", "GOOG"], inputs.Select(input => input.Text));
        Assert.Equal([0, 1, 2], inputs.Select(input => input.Index));
    }

    [Fact]
    public void Validate_HugeInput_EchoesOnlyItsStart()
    {
        // A 64 KiB token must not come back twice in one row (symbol column and message).
        var problem = SymbolParser.Validate(new string('A', 65_536));

        Assert.Equal($"'{new string('A', 40)}…' is not a valid symbol: it is longer than 32 characters", problem);
    }
}
