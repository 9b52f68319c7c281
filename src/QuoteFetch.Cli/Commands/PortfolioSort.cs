namespace QuoteFetch.Cli;

/// <summary>The order <c>portfolio</c> lists positions in.</summary>
internal enum PortfolioSort
{
    /// <summary>As in the holdings file.</summary>
    File,

    /// <summary>Largest value in base first.</summary>
    Value,

    /// <summary>Largest gain in base first.</summary>
    Gain,

    /// <summary>Largest weight first (the same order as value).</summary>
    Weight,

    /// <summary>By symbol, A to Z.</summary>
    Symbol,
}
