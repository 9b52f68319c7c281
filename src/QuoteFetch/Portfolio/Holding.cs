namespace QuoteFetch;

/// <summary>
/// One position to value: a symbol and how much of it is held. Built with an object initializer, so that a field added
/// later breaks no caller.
/// </summary>
public sealed record Holding
{
    /// <summary>The symbol as Yahoo knows it, e.g. <c>AAPL</c> or <c>OCDO.L</c>; trimmed and upper-cased when asked for.</summary>
    public required string Symbol { get; init; }

    /// <summary>Units held; fractions allowed (fund units, crypto).</summary>
    public required decimal Quantity { get; init; }

    /// <summary>
    /// The total cost basis of the position in the major unit of its currency (pounds for a pence-quoted London
    /// listing), or <see langword="null"/> when unknown: then no gain is computed.
    /// </summary>
    public decimal? Cost { get; init; }

    /// <summary>
    /// The currency the price is in, overriding what Yahoo reports (e.g. <c>GBp</c>, <c>EUR</c>); <see langword="null"/>
    /// uses Yahoo's.
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>Why <paramref name="symbol"/> cannot be asked for (empty, too long, outside Yahoo's alphabet), or null.</summary>
    /// <param name="symbol">The symbol as given; it is trimmed and upper-cased first.</param>
    /// <returns>The problem in plain words, or <see langword="null"/> when the symbol can be requested.</returns>
    public static string? SymbolProblem(string? symbol) => SymbolParser.Validate(SymbolParser.Normalize(symbol));
}
