namespace QuoteFetch;

/// <summary>One distinct requested symbol in input order: valid and ready to fetch, or refused with a reason.</summary>
internal readonly record struct SymbolInput(int Index, string Text, string? Problem)
{
    public bool IsValid => Problem is null;

    public Symbol Symbol => new(Text);
}
