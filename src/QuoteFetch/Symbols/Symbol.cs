namespace QuoteFetch;

/// <summary>A ticker symbol in Yahoo's alphabet, already trimmed and upper-cased.</summary>
internal readonly record struct Symbol(string Value)
{
    public override string ToString() => Value;
}
