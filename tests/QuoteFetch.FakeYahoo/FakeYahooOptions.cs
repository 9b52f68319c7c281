using System.Collections.Concurrent;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// How the fake server answers. The collections, <see cref="Latency"/> and <see cref="FaultForAll"/>
/// may be changed while the server runs; <see cref="Host"/>, <see cref="Port"/>, <see cref="Protocols"/>
/// and <see cref="UseHttps"/> are read once at start.
/// </summary>
public sealed class FakeYahooOptions
{
    private long _latencyTicks;

    /// <summary>Symbols answered with Yahoo's 404 chart error body. Matched ordinally (case-sensitive).</summary>
    public ConcurrentDictionary<string, byte> UnknownSymbols { get; } =
        new(StringComparer.Ordinal) { ["FB"] = 0, ["NONEXIST"] = 0 };

    /// <summary>Added before every chart answer (and before any fault), unless <see cref="LatencyBySymbol"/> has the symbol.</summary>
    public TimeSpan Latency
    {
        // A TimeSpan is a 64-bit struct; the ticks are kept in a field so tests can change it mid-run without tearing.
        get => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _latencyTicks, value.Ticks);
        }
    }

    public ConcurrentDictionary<string, TimeSpan> LatencyBySymbol { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Raw JSON number text served as regularMarketPrice (and the last close) in a synthetic body,
    /// e.g. "123.455", "1.2345e-05" or "0.30000000000000004". Wins over the fixture of a recorded symbol.
    /// </summary>
    /// <remarks>
    /// The defaults price the agorot and cents listings of the portfolio sample (samples/holdings.csv). A currency
    /// pair without an entry (and without a recording, as EURUSD=X has) is priced from a small table of plausible
    /// rates when it joins two of USD, EUR, GBP, CAD, CHF, JPY, ILS, ZAR, AUD, so that direct, inverse and cross rates
    /// agree; any other symbol gets a synthetic price (1 to 999.99).
    /// </remarks>
    public ConcurrentDictionary<string, string> PriceTextBySymbol { get; } =
        new(StringComparer.Ordinal) { ["TEVA.TA"] = "5853", ["NPN.JO"] = "412500" };

    /// <summary>
    /// meta.currency of a synthetic body, e.g. "ILA" or "ZAc"; wins over the fixture of a recorded symbol. Without an
    /// entry a synthetic body says USD, or for a pair in Yahoo's form (<c>GBPUSD=X</c>) its second code (USD).
    /// The defaults are a Tel Aviv listing in agorot and a Johannesburg one in cents, for the portfolio sample.
    /// </summary>
    public ConcurrentDictionary<string, string> CurrencyBySymbol { get; } =
        new(StringComparer.Ordinal) { ["TEVA.TA"] = "ILA", ["NPN.JO"] = "ZAc" };

    public ConcurrentDictionary<string, FakeFault> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Applies to every symbol that has no entry in <see cref="Faults"/>.</summary>
    public FakeFault? FaultForAll { get; set; }

    /// <summary>"Now" of history requests: where range=.. ends and how old intraday data may be.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>For cleartext, <see cref="HttpProtocols.Http2"/> means h2c with prior knowledge.</summary>
    public HttpProtocols Protocols { get; set; } = HttpProtocols.Http1AndHttp2;

    /// <summary>Serve HTTPS with a self-signed certificate made in memory (see <see cref="FakeYahooServer.Certificate"/>).</summary>
    public bool UseHttps { get; set; }

    /// <summary>An IP address, "localhost", or "*" / "+" for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }
}
