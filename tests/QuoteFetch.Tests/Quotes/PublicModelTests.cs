using System.Reflection;

namespace QuoteFetch.Tests.Quotes;

/// <summary>Public data types can grow: a field added later must not break a caller's constructor call or deconstruction.</summary>
public sealed class PublicModelTests
{
    public static TheoryData<Type> DataTypes => new() { typeof(Quote), typeof(QuoteError), typeof(QuoteResult) };

    [Theory]
    [MemberData(nameof(DataTypes))]
    public void DataType_HasNoPositionalConstructorOrDeconstruct(Type type)
    {
        Assert.DoesNotContain(
            type.GetConstructors(BindingFlags.Public | BindingFlags.Instance),
            constructor =>
                constructor.GetParameters().Length > 0 && constructor.GetParameters()[0].ParameterType != type
        );
        Assert.Null(type.GetMethod("Deconstruct", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void Quote_ObjectInitializer_KeepsValueEquality()
    {
        var first = new Quote
        {
            Symbol = "AAPL",
            Price = 229.87m,
            Currency = "USD",
        };
        var second = new Quote
        {
            Symbol = "AAPL",
            Price = 229.87m,
            Currency = "USD",
        };

        Assert.Equal(first, second);
        Assert.NotEqual(first, second with { Exchange = "NMS" });
    }

    [Fact]
    public void QuoteError_ObjectInitializer_KeepsValueEquality()
    {
        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.Http, Message = "HTTP 500" },
            QuoteResult.Failure("AAPL", QuoteErrorKind.Http, "HTTP 500").Error
        );
    }
}
