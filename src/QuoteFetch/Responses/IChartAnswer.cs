using System.Net;

namespace QuoteFetch;

/// <summary>What one kind of chart query makes of an answer, once <see cref="ChartResponseReader"/> has its body.</summary>
/// <typeparam name="TResult">The query's result for one symbol.</typeparam>
internal interface IChartAnswer<TResult>
{
    /// <summary>Whether an answer with this status has a body worth parsing; any other is only its status.</summary>
    bool ReadsBody(HttpStatusCode status);

    /// <summary>The result for a body that was read whole.</summary>
    TResult Parse(string symbol, HttpStatusCode status, string? reasonPhrase, BufferedBody body);

    /// <summary>The result for a symbol that got no usable answer.</summary>
    TResult Failure(string symbol, QuoteErrorKind kind, string message);
}
