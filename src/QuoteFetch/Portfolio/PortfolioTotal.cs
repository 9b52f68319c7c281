namespace QuoteFetch;

/// <summary>
/// The totals of a valuation in the base currency, and the positions left out of them. Built with an object initializer,
/// so that a field added later breaks no caller.
/// </summary>
public sealed record PortfolioTotal
{
    /// <summary>The sum of every valued position's value in base.</summary>
    public required decimal ValueInBase { get; init; }

    /// <summary>
    /// The sum of the cost in base of the valued positions that have a cost; null when none has one.
    /// </summary>
    public decimal? CostInBase { get; init; }

    /// <summary>
    /// Value in base minus cost in base, over the valued positions that have a cost (so a position without a cost adds
    /// no imaginary gain); null when none has one.
    /// </summary>
    public decimal? GainInBase { get; init; }

    /// <summary>How many positions the totals include.</summary>
    public required int Positions { get; init; }

    /// <summary>The positions left out (no price or no rate), in input order.</summary>
    public required IReadOnlyList<string> Excluded { get; init; }
}
