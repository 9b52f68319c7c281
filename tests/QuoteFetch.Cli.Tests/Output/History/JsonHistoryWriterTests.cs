using System.Text.Json;

namespace QuoteFetch.Cli.Tests.Output.History;

public sealed class JsonHistoryWriterTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    [Fact]
    public async Task Json_DailySamplesWithEvents_MatchTheExpectedFile()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Json,
            new HistoryOutputOptions { Events = true },
            samples.Daily
        );

        Assert.Equal(Golden.Read("history.json"), text);
    }

    [Fact]
    public async Task Json_DailySamples_ShapeAsSpecified()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Json,
            new HistoryOutputOptions { Events = true },
            samples.Daily
        );

        using var document = JsonDocument.Parse(text);
        var symbols = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["AAPL", "MSFT", "NONEXIST", "IBM"], symbols.Select(s => s.GetProperty("symbol").GetString()));
        var aapl = symbols[0];
        Assert.Equal(
            ["symbol", "currency", "exchange", "timeZone", "bars", "dividends", "splits", "error"],
            aapl.EnumerateObject().Select(p => p.Name)
        );
        Assert.Equal("America/New_York", aapl.GetProperty("timeZone").GetString());
        var bar = aapl.GetProperty("bars")[0];
        Assert.Equal(
            ["date", "open", "high", "low", "close", "adjClose", "volume"],
            bar.EnumerateObject().Select(p => p.Name)
        );
        Assert.Equal("2020-08-31", bar.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Number, bar.GetProperty("close").ValueKind);
        Assert.Equal("129.04", bar.GetProperty("close").GetRawText());
        Assert.Equal("0.205", aapl.GetProperty("dividends")[0].GetProperty("amount").GetRawText());
        Assert.Equal("4", aapl.GetProperty("splits")[0].GetProperty("numerator").GetRawText());
        Assert.Equal(JsonValueKind.Null, aapl.GetProperty("error").ValueKind);
        var nullBar = symbols[1]
            .GetProperty("bars")
            .EnumerateArray()
            .Single(b => b.GetProperty("date").GetString() == "2020-10-29");
        Assert.Equal(JsonValueKind.Null, nullBar.GetProperty("close").ValueKind);
        Assert.Equal(JsonValueKind.Null, nullBar.GetProperty("volume").ValueKind);
        var failed = symbols[2];
        Assert.Equal("not-found", failed.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(0, failed.GetProperty("bars").GetArrayLength());
        Assert.Equal(0, symbols[3].GetProperty("bars").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, symbols[3].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Json_WithoutEvents_DividendsAndSplitsAreEmpty()
    {
        var text = await HistoryWriterRun.WriteAsync(OutputFormat.Json, new HistoryOutputOptions(), samples.Daily);

        using var document = JsonDocument.Parse(text);
        var aapl = document.RootElement[0];
        Assert.Equal(0, aapl.GetProperty("dividends").GetArrayLength());
        Assert.Equal(0, aapl.GetProperty("splits").GetArrayLength());
    }

    [Fact]
    public async Task Json_NoResults_IsAnEmptyArray()
    {
        var text = await HistoryWriterRun.WriteAsync(OutputFormat.Json, new HistoryOutputOptions(), []);

        Assert.Equal("[]\n", text);
    }

    [Fact]
    public async Task Ndjson_ExactSamples_MatchTheExpectedFile()
    {
        var text = await HistoryWriterRun.WriteAsync(
            OutputFormat.Ndjson,
            new HistoryOutputOptions { Exact = true },
            samples.Daily
        );

        Assert.Equal(Golden.Read("history-exact.ndjson"), text);
        Assert.Contains("\"close\":129.0399932861328,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_EachLineIsTheJsonArraysObject()
    {
        var options = new HistoryOutputOptions { Events = true, Exact = true };
        var ndjson = await HistoryWriterRun.WriteAsync(OutputFormat.Ndjson, options, samples.Daily);
        var json = await HistoryWriterRun.WriteAsync(OutputFormat.Json, options, samples.Daily);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(
            document.RootElement.EnumerateArray().Select(e => e.GetRawText()),
            ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        );
    }
}
