using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Tests.Diagnostics;

/// <summary>Metrics and traces of a real batch with faults, collected the way a host's exporter would.</summary>
public sealed class TelemetryTests : FakeYahooTestBase
{
    private sealed record Measurement(string Instrument, string? Unit, double Value, Dictionary<string, string?> Tags);

    private static MeterListener Listen(QuoteClient client, ConcurrentQueue<Measurement> into)
    {
        var listener = new MeterListener
        {
            // Tests run in parallel: only this client's meter, told apart by its scope.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == QuoteFetchDiagnostics.MeterName && instrument.Meter.Scope == client)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(
            (instrument, value, tags, _) =>
                into.Enqueue(new(instrument.Name, instrument.Unit, value, ToDictionary(tags)))
        );
        listener.SetMeasurementEventCallback<double>(
            (instrument, value, tags, _) =>
                into.Enqueue(new(instrument.Name, instrument.Unit, value, ToDictionary(tags)))
        );
        listener.Start();
        return listener;
    }

    private static Dictionary<string, string?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, string?>();
        foreach (var (key, value) in tags)
        {
            dictionary[key] = value?.ToString();
        }
        return dictionary;
    }

    [Fact]
    public async Task Batch_RecordsSymbolsRequestsDurationsAndRetries()
    {
        Server.Options.Faults["MSFT"] = FakeFault.Status(503, times: 1);
        using var sut = CreateSut();
        var measurements = new ConcurrentQueue<Measurement>();
        using var listener = Listen(sut, measurements);

        await sut.GetQuotesInOrderAsync(["AAPL", "MSFT", "FB", "NOT A SYMBOL"]);

        Assert.Equal(
            [("quote", 4.0)],
            measurements.Where(m => m.Instrument == "quotefetch.symbols").Select(m => (m.Tags["query"], m.Value))
        );
        var requests = measurements.Where(m => m.Instrument == "quotefetch.requests").ToList();
        Assert.Equal(
            [("not-found", "quote"), ("ok", "quote"), ("ok", "quote")],
            requests.Select(m => (m.Tags["outcome"], m.Tags["query"])).Order()
        );
        var durations = measurements.Where(m => m.Instrument == "quotefetch.request.duration").ToList();
        Assert.Equal(3, durations.Count);
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 60));
        Assert.Equal(
            ["http-503"],
            measurements.Where(m => m.Instrument == "quotefetch.retries").Select(m => m.Tags["reason"])
        );
    }

    [Fact]
    public async Task History_IsTaggedAsHistory()
    {
        using var sut = CreateSut();
        var measurements = new ConcurrentQueue<Measurement>();
        using var listener = Listen(sut, measurements);

        await sut.GetHistoryInOrderAsync(["AAPL"], new HistoryRequest { Range = HistoryRange.OneMonth });

        Assert.Equal(
            [("ok", "history")],
            measurements
                .Where(m => m.Instrument == "quotefetch.requests")
                .Select(m => (m.Tags["outcome"], m.Tags["query"]))
        );
    }

    [Fact]
    public async Task Batch_TracesOneActivityPerBatchAndPerSymbol_WithHttpClientsActivitiesUnderThem()
    {
        Server.Options.Faults["MSFT"] = FakeFault.Status(503, times: 1);
        using var sut = CreateSut();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is QuoteFetchDiagnostics.ActivitySourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // This test's own trace: other tests' activities (they run in parallel) have other trace ids.
        using var root = new Activity("test").Start();

        await sut.GetQuotesInOrderAsync(["AAPL", "MSFT", "FB"]);
        root.Stop();

        var mine = stopped.Where(activity => activity.TraceId == root.TraceId).ToList();
        var batch = Assert.Single(mine, activity => activity.OperationName == "quotefetch.batch");
        Assert.Equal(root.SpanId, batch.ParentSpanId);
        Assert.Equal("quote", batch.GetTagItem("quotefetch.query"));
        Assert.Equal(3, batch.GetTagItem("quotefetch.symbol.count"));
        var fetches = mine.Where(activity => activity.OperationName == "quotefetch.fetch").ToList();
        Assert.All(fetches, fetch => Assert.Equal(batch.SpanId, fetch.ParentSpanId));
        Assert.Equal(
            [("AAPL", "ok", 1), ("FB", "not-found", 1), ("MSFT", "ok", 2)],
            fetches
                .Select(fetch =>
                    (
                        (string)fetch.GetTagItem("quotefetch.symbol")!,
                        (string)fetch.GetTagItem("quotefetch.outcome")!,
                        (int)fetch.GetTagItem("quotefetch.attempts")!
                    )
                )
                .Order()
        );
        var http = mine.Where(activity => activity.Source.Name == "System.Net.Http").ToList();
        Assert.Equal(4, http.Count); // MSFT's two attempts
        Assert.All(http, request => Assert.Contains(fetches, fetch => fetch.SpanId == request.ParentSpanId));
    }
}
