namespace QuoteFetch.Cli;

/// <summary>What every history writer needs to know besides the format.</summary>
internal sealed class HistoryOutputOptions
{
    /// <summary>False: bar prices via <see cref="PriceHistory.Clean"/> (priceHint places); true: Yahoo's exact decimals.</summary>
    public bool Exact { get; init; }

    /// <summary>Dividends and splits were asked for: show them.</summary>
    public bool Events { get; init; }

    /// <summary>An intraday interval: dates carry the time and the offset.</summary>
    public bool Intraday { get; init; }

    /// <summary>Table only; NO_COLOR, TERM=dumb and pipes are decided by the caller.</summary>
    public bool Colors { get; init; }

    /// <summary>Table only: the terminal's width in columns.</summary>
    public int Width { get; init; } = 80;
}
