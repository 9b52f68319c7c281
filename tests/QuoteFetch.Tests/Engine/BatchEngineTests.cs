using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Engine;

/// <summary>The engine on its own, with a query that is not quotes: what every query gets for free.</summary>
public sealed class BatchEngineTests : FakeYahooTestBase
{
    [Fact]
    public async Task EveryInput_YieldsExactlyOnce_AtItsIndex_AlsoWhenTheQueryThrows()
    {
        string[] requested =
        [
            "AAPL",
            "THROW-RANGE",
            "not a symbol",
            "MSFT",
            "aapl",
            "THROW-STATE",
            "THROW-REQUEST",
            .. Enumerable.Range(0, 30).Select(i => $"S{i}"),
        ];
        var inputs = SymbolParser.Parse(requested);
        using var engine = CreateEngine();
        var query = new StatusQuery(engine.Requests);

        var results = await RunAsync(engine, query, inputs);

        Assert.Equal(Enumerable.Range(0, inputs.Count), results.Select(item => item.Index).Order());
        Assert.All(results, item => Assert.Equal(inputs[item.Index].Text, item.Result.Symbol));
        var bySymbol = results.ToDictionary(item => item.Result.Symbol, item => item.Result);
        Assert.Equal(QuoteErrorKind.InvalidSymbol, bySymbol["NOT A SYMBOL"].Error!.Kind);
        Assert.Equal(QuoteErrorKind.BadResponse, bySymbol["THROW-RANGE"].Error!.Kind);
        Assert.StartsWith(
            "the answer could not be read (",
            bySymbol["THROW-RANGE"].Error!.Message,
            StringComparison.Ordinal
        );
        Assert.Equal(QuoteErrorKind.BadResponse, bySymbol["THROW-STATE"].Error!.Kind);
        Assert.Equal(QuoteErrorKind.BadResponse, bySymbol["THROW-REQUEST"].Error!.Kind);
        Assert.Equal(0, Server.RequestsFor("THROW-REQUEST"));
        Assert.All(
            results.Where(item => item.Result.Symbol.StartsWith('S') || item.Result.Symbol is "AAPL" or "MSFT"),
            item => Assert.Equal("200", item.Result.Status)
        );
        Assert.Equal(inputs.Count - 2, Server.RequestCount); // not the invalid symbol, nor the request never built
    }

    [Fact]
    public async Task QueryString_FromTheQuery_ReachesTheSourceUnderTheBaseAddress()
    {
        var inputs = SymbolParser.Parse(["AAPL"]);
        using var engine = CreateEngine();

        var results = await RunAsync(engine, new StatusQuery(engine.Requests, "range=1y&interval=1d"), inputs);

        Assert.Equal("200", Assert.Single(results).Result.Status);
        Assert.Equal("?range=1y&interval=1d", Server.LastQueryFor("AAPL"));
    }

    [Fact]
    public async Task Cancelled_TheOpenInputsEndCancelled_AtTheirIndex()
    {
        Server.Options.Faults["SLOW1"] = FakeFault.Delay(TimeSpan.FromSeconds(30));
        Server.Options.Faults["SLOW2"] = FakeFault.Delay(TimeSpan.FromSeconds(30));
        var inputs = SymbolParser.Parse(["SLOW1", "AAPL", "SLOW2", "MSFT"]);
        using var engine = CreateEngine();
        using var cancel = new CancellationTokenSource();
        var results = new List<(int Index, Probe Result)>();

        await foreach (var item in engine.RunAsync(new StatusQuery(engine.Requests), inputs, cancel.Token))
        {
            results.Add(item);
            if (results.Count == 2)
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal([1, 3], results.Take(2).Select(item => item.Index).Order());
        Assert.Equal([0, 2], results.Skip(2).Select(item => item.Index));
        Assert.All(
            results.Skip(2),
            item =>
                Assert.Equal(
                    new QuoteError { Kind = QuoteErrorKind.Cancelled, Message = BatchEngine.CancelledMessage },
                    item.Result.Error
                )
        );
    }

    [Fact]
    public async Task DeadlinePassed_TheOpenInputsEndTimeout_AtTheirIndex()
    {
        Server.Options.Faults["SLOW"] = FakeFault.Delay(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var inputs = SymbolParser.Parse(["SLOW", "AAPL"]);
        using var engine = CreateEngine(clock, options => options.Deadline = TimeSpan.FromSeconds(5));
        var results = new List<(int Index, Probe Result)>();

        await foreach (var item in engine.RunAsync(new StatusQuery(engine.Requests), inputs))
        {
            results.Add(item);
            if (results.Count == 1)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
            }
        }

        Assert.Equal([1, 0], results.Select(item => item.Index));
        Assert.Equal(
            new QuoteError { Kind = QuoteErrorKind.Timeout, Message = BatchEngine.DeadlineMessage },
            results[1].Result.Error
        );
    }

    private BatchEngine CreateEngine(TimeProvider? clock = null, Action<QuoteClientOptions>? configure = null)
    {
        var options = new QuoteClientOptions
        {
            BaseAddress = Server.BaseAddress,
            MaxConcurrency = 8,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        options.Validate();
        clock ??= TimeProvider.System;
        return new BatchEngine(
            options,
            new HttpPipeline(options, clock, NullLogger.Instance),
            clock,
            NullLogger.Instance,
            new Telemetry(options)
        );
    }

    private static async Task<List<(int Index, Probe Result)>> RunAsync(
        BatchEngine engine,
        StatusQuery query,
        List<SymbolInput> inputs
    )
    {
        var results = new List<(int Index, Probe Result)>();
        await foreach (var item in engine.RunAsync(query, inputs))
        {
            results.Add(item);
        }
        return results;
    }

    private sealed record Probe(string Symbol, string? Status, QuoteError? Error);

    // A query that reads only the status, and throws where a buggy query would: building the request or reading it.
    private sealed class StatusQuery(ChartRequestFactory requests, string? queryString = null) : IChartQuery<Probe>
    {
        public string Name => "probe";

        public HttpRequestMessage CreateRequest(Symbol symbol) =>
            symbol.Value == "THROW-REQUEST"
                ? throw new InvalidOperationException("no request for this one")
                : requests.Create(symbol, queryString);

        public ValueTask<Probe> ReadAsync(
            string symbol,
            HttpResponseMessage response,
            int attempts,
            CancellationToken cancellationToken
        ) =>
            symbol switch
            {
                "THROW-RANGE" => throw new ArgumentOutOfRangeException(nameof(symbol), "a date out of range"),
                "THROW-STATE" => throw new InvalidOperationException("a bug in the reader"),
                _ => ValueTask.FromResult(new Probe(symbol, ((int)response.StatusCode).ToString(), null)),
            };

        public Probe Failure(string symbol, QuoteErrorKind kind, string message) =>
            new(symbol, null, new QuoteError { Kind = kind, Message = message });

        public QuoteError? ErrorOf(Probe result) => result.Error;
    }
}
