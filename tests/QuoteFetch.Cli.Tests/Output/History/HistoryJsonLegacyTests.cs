namespace QuoteFetch.Cli.Tests.Output.History;

/// <summary>
/// The JSON and NDJSON history writers write their bars by hand; these pin their output, byte for byte, to what
/// System.Text.Json's serializer wrote for the record shape they replaced (<see cref="LegacyHistoryJson"/>), on
/// real fetched histories and on hostile ones.
/// </summary>
public sealed class HistoryJsonLegacyTests(HistorySamples samples) : IClassFixture<HistorySamples>
{
    public static TheoryData<bool, bool> ExactAndEvents =>
        new()
        {
            { false, false },
            { false, true },
            { true, false },
            { true, true },
        };

    [Theory]
    [MemberData(nameof(ExactAndEvents))]
    public async Task Daily_IsWhatTheSerializerWrote(bool exact, bool events)
    {
        var options = new HistoryOutputOptions { Exact = exact, Events = events };

        await AssertAsLegacyAsync(options, samples.Daily);
    }

    [Theory]
    [MemberData(nameof(ExactAndEvents))]
    public async Task Intraday_IsWhatTheSerializerWrote(bool exact, bool events)
    {
        var options = new HistoryOutputOptions
        {
            Exact = exact,
            Events = events,
            Intraday = true,
        };

        await AssertAsLegacyAsync(options, samples.Intraday);
    }

    [Theory]
    [MemberData(nameof(ExactAndEvents))]
    public async Task Hostile_IsWhatTheSerializerWrote(bool exact, bool events)
    {
        await AssertAsLegacyAsync(new HistoryOutputOptions { Exact = exact, Events = events }, Hostile());
        await AssertAsLegacyAsync(
            new HistoryOutputOptions
            {
                Exact = exact,
                Events = events,
                Intraday = true,
            },
            Hostile()
        );
    }

    [Fact]
    public async Task ManyPrices_AreWhatTheSerializerWrote()
    {
        var random = new Random(20261201);
        var results = new List<HistoryResult>();
        for (var hint = 0; hint <= 12; hint++)
        {
            var bars = new PriceBar[200];
            for (var i = 0; i < bars.Length; i++)
            {
                bars[i] = new PriceBar
                {
                    Time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i),
                    Open = RandomPrice(random),
                    High = RandomPrice(random),
                    Low = RandomPrice(random),
                    Close = RandomPrice(random),
                    AdjustedClose = RandomPrice(random),
                    Volume = random.NextInt64(),
                };
            }
            results.Add(
                HistoryResult.Success(
                    "R" + hint,
                    new PriceHistory
                    {
                        Symbol = "R" + hint,
                        PriceHint = hint,
                        Bars = bars,
                    }
                )
            );
        }

        await AssertAsLegacyAsync(new HistoryOutputOptions(), results);
        await AssertAsLegacyAsync(new HistoryOutputOptions { Exact = true }, results);
    }

    [Fact]
    public async Task MorePlacesThanDecimalHolds_AreAllWritten_AsInCsv()
    {
        // 129.0399932861328 to 28 places is 31 digits: the serializer wrote the 29 decimal keeps, PriceText all of them.
        var bar = new PriceBar
        {
            Time = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero),
            Close = 129.0399932861328m,
        };
        var history = new PriceHistory
        {
            Symbol = "X",
            PriceHint = 28,
            Bars = [bar],
        };

        var ndjson = await HistoryWriterRun.WriteAsync(
            OutputFormat.Ndjson,
            new HistoryOutputOptions(),
            [HistoryResult.Success("X", history)]
        );

        Assert.Contains("\"close\":129.0399932861328000000000000000,", ndjson, StringComparison.Ordinal);
    }

    private static async Task AssertAsLegacyAsync(HistoryOutputOptions options, IReadOnlyList<HistoryResult> results)
    {
        var ndjson = await HistoryWriterRun.WriteAsync(OutputFormat.Ndjson, options, results);
        var json = await HistoryWriterRun.WriteAsync(OutputFormat.Json, options, results);

        Assert.Equal(LegacyHistoryJson.Ndjson(results, options), ndjson);
        Assert.Equal(LegacyHistoryJson.Json(results, options), json);
    }

    // Up to 64-bit mantissas with at least 3 places: rounded to 12 places it still fits decimal's 28 digits, where
    // the old rounding kept every place (beyond them it dropped some; PriceText does not, see PriceTextTests).
    private static decimal RandomPrice(Random random) =>
        new(random.Next(), random.Next(4) == 0 ? random.Next() : 0, 0, random.Next(8) == 0, (byte)random.Next(3, 17));

    private const string HostileText = "A\"B\\C\u0001\u001f\u007f</script><!--&+'é€😀\u2028\u2029\ud800x";

    private static List<HistoryResult> Hostile()
    {
        var zones = new[]
        {
            TimeSpan.Zero,
            TimeSpan.FromHours(11),
            TimeSpan.FromHours(-5),
            new TimeSpan(5, 45, 0),
            -new TimeSpan(3, 30, 0),
            TimeSpan.FromMinutes(-30),
            TimeSpan.FromHours(14),
        };
        var bars = new List<PriceBar>();
        foreach (var offset in zones)
        {
            bars.Add(
                new PriceBar
                {
                    Time = new DateTimeOffset(2026, 11, 16, 23, 30, 59, offset),
                    Open = 129.0399932861328m,
                    High = 131m,
                    Low = -0.001m,
                    Close = -0.006m,
                    AdjustedClose = 0.125m,
                    Volume = 0,
                }
            );
        }
        bars.Add(new PriceBar { Time = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        bars.Add(
            new PriceBar
            {
                Time = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
                Open = decimal.MaxValue,
                High = decimal.MinValue,
                Low = 0.0000000000000000000000000001m,
                Close = 18446744073709551616m,
                AdjustedClose = 0m,
                Volume = long.MaxValue,
            }
        );
        bars.Add(
            new PriceBar
            {
                Time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                Open = 1e-10m,
                Close = 9.995m,
                Volume = -1,
            }
        );
        PriceHistory History(string symbol, int? hint) =>
            new()
            {
                Symbol = symbol,
                Currency = HostileText,
                Exchange = "</script><script>alert(1)</script>",
                TimeZoneName = "Europe/Zürich\u0000",
                PriceHint = hint,
                Bars = bars,
                Dividends =
                [
                    new Dividend { Date = new DateOnly(2026, 11, 16), Amount = 0.2050000000000000000001m },
                    new Dividend { Date = new DateOnly(1, 1, 1), Amount = -0m },
                ],
                Splits =
                [
                    new Split
                    {
                        Date = new DateOnly(2026, 11, 17),
                        Numerator = 4,
                        Denominator = 1.50m,
                    },
                ],
            };
        return
        [
            HistoryResult.Success(HostileText, History(HostileText, 2)),
            HistoryResult.Success("NOHINT", History("NOHINT", null)),
            HistoryResult.Success("HINT0", History("HINT0", 0)),
            HistoryResult.Success("EMPTY", new PriceHistory { Symbol = "EMPTY", PriceHint = 2 }),
            HistoryResult.Failure(HostileText, QuoteErrorKind.BadResponse, HostileText),
        ];
    }
}
