using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// Answers GET /v8/finance/chart/{symbol}: latency, then a fault or the recorded or synthetic body; a request with
/// period1/period2 or range gets history (<see cref="HistoryChart"/>), any other the quote-shaped body.
/// </summary>
internal sealed class ChartEndpoint(FakeYahooOptions options, ServerStats stats, CancellationToken stopping)
{
    public const string Route = "/v8/finance/chart/{symbol}";

    private const string JsonContentType = "application/json;charset=utf-8";
    private const string TextContentType = "text/plain;charset=utf-8";
    private const int MaxSymbolLength = 32;

    private static readonly byte[] BrokenJsonBody =
        """{"chart":{"result":[{"meta":{"currency":"USD","regularMarketPrice":12"""u8.ToArray();

    private static readonly byte[] ChartErrorBody =
        """{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input - interval=1d is not supported"}}}"""u8.ToArray();

    private static readonly byte[] FormulaErrorBody =
        """{"chart":{"result":null,"error":{"code":"Not Found","description":"=HYPERLINK(\"http://evil.example\",\"click\")"}}}"""u8.ToArray();

    private static readonly byte[] EmptyResultBody = """{"chart":{"result":[],"error":null}}"""u8.ToArray();

    private static readonly byte[] MissingMetaBody = """{"chart":{"result":[{}],"error":null}}"""u8.ToArray();

    // The huge body is a JSON string of padding, so a client that did read it all would still see valid JSON.
    private static readonly byte[] HugeBodyStart =
        "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"regularMarketPrice\":1.0,\"padding\":\""u8.ToArray();

    private static readonly byte[] HugeBodyEnd = "\"}}],\"error\":null}}"u8.ToArray();

    private static readonly byte[] Padding = CreatePadding(64 * 1024);

    private static readonly byte[] NotFoundPlainBody = "Not Found"u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var symbol = context.Request.RouteValues["symbol"] as string ?? string.Empty;
        var userAgent = context.Request.Headers.UserAgent;
        var attempt = stats.RecordRequest(
            symbol,
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString(),
            context.Request.Protocol,
            userAgent.Count == 0 ? null : userAgent.ToString(),
            context.Request.QueryString.Value ?? string.Empty
        );

        stats.RequestStarted();
        try
        {
            await AnswerAsync(context, symbol, attempt);
        }
        catch (OperationCanceledException)
            when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // Returning normally here would send an empty 200 to a client that is still connected during shutdown.
            context.Abort();
        }
        finally
        {
            stats.RequestEnded();
        }
    }

    public static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, TextContentType, NotFoundPlainBody);

    /// <summary>Yahoo's symbol alphabet: ASCII letters, digits and . - ^ = &amp;, 1 to 32 characters.</summary>
    public static bool IsYahooSymbol(string symbol)
    {
        if (symbol.Length is 0 or > MaxSymbolLength)
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '^' or '=' or '&'))
            {
                return false;
            }
        }

        return true;
    }

    private async Task AnswerAsync(HttpContext context, string symbol, int attempt)
    {
        var latency = options.LatencyBySymbol.TryGetValue(symbol, out var own) ? own : options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await WaitAsync(context, latency);
        }

        // Synthetic fault bodies carry the symbol unescaped, so a symbol outside the alphabet only ever gets the 404.
        if (!IsYahooSymbol(symbol))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, JsonContentType, FakeYahooFixtures.NotFoundBody);
            return;
        }

        var fault = options.Faults.TryGetValue(symbol, out var fixedFault) ? fixedFault : options.FaultForAll;
        if (fault is not null && fault.AppliesTo(attempt))
        {
            await FaultAsync(context, symbol, fault);
            return;
        }

        await AnswerNormallyAsync(context, symbol);
    }

    private Task AnswerNormallyAsync(HttpContext context, string symbol)
    {
        if (options.UnknownSymbols.ContainsKey(symbol))
        {
            return WriteAsync(context, StatusCodes.Status404NotFound, JsonContentType, FakeYahooFixtures.NotFoundBody);
        }

        if (HistoryChart.IsHistory(context.Request.Query))
        {
            var (status, body) = History(context, symbol);
            return WriteAsync(context, status, JsonContentType, body);
        }

        return RecordedBody(symbol) is { } recorded
            ? WriteAsync(context, StatusCodes.Status200OK, JsonContentType, recorded)
            : WriteSyntheticAsync(context, SyntheticValues(symbol));
    }

    private async Task FaultAsync(HttpContext context, string symbol, FakeFault fault)
    {
        switch (fault.Kind)
        {
            case FakeFaultKind.TooManyRequests:
                SetRetryAfter(context, fault);
                await WriteAsync(context, fault.StatusCode, TextContentType, FakeYahooFixtures.TooManyRequestsBody);
                break;
            case FakeFaultKind.Status:
                SetRetryAfter(context, fault);
                var reason = ReasonPhrases.GetReasonPhrase(fault.StatusCode);
                await WriteAsync(
                    context,
                    fault.StatusCode,
                    TextContentType,
                    Encoding.UTF8.GetBytes(reason.Length > 0 ? reason : "Error")
                );
                break;
            case FakeFaultKind.ResetConnection:
                context.Abort();
                break;
            case FakeFaultKind.Delay:
                await WaitAsync(context, fault.Duration);
                await AnswerNormallyAsync(context, symbol);
                break;
            case FakeFaultKind.TruncatedBody:
                await WriteTruncatedAsync(
                    context,
                    HistoryChart.IsHistory(context.Request.Query) ? History(context, symbol).Body : SuccessBody(symbol)
                );
                break;
            case FakeFaultKind.BrokenJson:
                await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, BrokenJsonBody);
                break;
            case FakeFaultKind.ChartErrorWith200:
                await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, ChartErrorBody);
                break;
            case FakeFaultKind.HugeBody:
                await WriteHugeAsync(context, fault.Bytes);
                break;
            case FakeFaultKind.MarkupInExchange:
                await WriteSyntheticAsync(context, SyntheticValues(symbol, hostileExchange: true));
                break;
            case FakeFaultKind.FormulaInError:
                await WriteAsync(context, StatusCodes.Status404NotFound, JsonContentType, FormulaErrorBody);
                break;
            case FakeFaultKind.NullPrice:
                await WriteSyntheticAsync(context, SyntheticChart.Values(symbol, "null", hostileExchange: false));
                break;
            case FakeFaultKind.EmptyResult:
                await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, EmptyResultBody);
                break;
            case FakeFaultKind.MissingMeta:
                await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, MissingMetaBody);
                break;
            case FakeFaultKind.Raw:
                await WriteRawAsync(context, fault);
                break;
            default:
                throw new InvalidOperationException($"Unhandled fault kind {fault.Kind}.");
        }
    }

    private (int Status, byte[] Body) History(HttpContext context, string symbol) =>
        HistoryChart.Answer(symbol, context.Request.Query, options.TimeProvider.GetUtcNow());

    /// <summary>The 200 body the symbol gets when nothing goes wrong.</summary>
    private ReadOnlyMemory<byte> SuccessBody(string symbol) =>
        RecordedBody(symbol) ?? SyntheticChart.ToArray(SyntheticValues(symbol));

    /// <summary>The recorded fixture, unless the symbol has none or a price set for it (which wins).</summary>
    private ReadOnlyMemory<byte>? RecordedBody(string symbol)
    {
        if (
            options.PriceTextBySymbol.ContainsKey(symbol)
            || options.CurrencyBySymbol.ContainsKey(symbol)
            || !FakeYahooFixtures.TryGetBody(symbol, out var recorded)
        )
        {
            // Not `cond ? recorded : null`: that null would become an empty ReadOnlyMemory through byte[].
            return null;
        }

        return recorded;
    }

    /// <summary>A synthetic body's values: the price set for the symbol, else its own synthetic price.</summary>
    private string[] SyntheticValues(string symbol, bool hostileExchange = false)
    {
        options.PriceTextBySymbol.TryGetValue(symbol, out var priceText);
        options.CurrencyBySymbol.TryGetValue(symbol, out var currency);
        return SyntheticChart.Values(symbol, priceText, hostileExchange, currency);
    }

    private async Task WaitAsync(HttpContext context, TimeSpan delay)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await Task.Delay(delay, TimeProvider.System, either.Token);
    }

    private static async Task WriteTruncatedAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);

        // Ending short of Content-Length makes Kestrel close the connection (HTTP/1.1) or reset the stream
        // (HTTP/2) after the flushed half is sent; HttpContext.Abort() would discard that half with the connection.
    }

    private async Task WriteHugeAsync(HttpContext context, long paddingBytes)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        var aborted = context.RequestAborted;
        var result = await response.BodyWriter.WriteAsync(HugeBodyStart, aborted);
        for (var remaining = paddingBytes; remaining > 0 && !result.IsCompleted; remaining -= Padding.Length)
        {
            if (stopping.IsCancellationRequested)
            {
                context.Abort();
                return;
            }

            result = await response.BodyWriter.WriteAsync(
                Padding.AsMemory(0, (int)Math.Min(remaining, Padding.Length)),
                aborted
            );
        }

        if (!result.IsCompleted)
        {
            await response.BodyWriter.WriteAsync(HugeBodyEnd, aborted);
        }
    }

    private static async Task WriteSyntheticAsync(HttpContext context, string[] values)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = SyntheticChart.Length(values);
        SyntheticChart.Write(response.BodyWriter, values);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteAsync(
        HttpContext context,
        int statusCode,
        string contentType,
        ReadOnlyMemory<byte> body
    )
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static async Task WriteRawAsync(HttpContext context, FakeFault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.StatusCode;
        if (fault.ContentType is not null)
        {
            response.ContentType = fault.ContentType;
        }
        foreach (var (name, value) in fault.Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = fault.Body.Length;
        await response.BodyWriter.WriteAsync(fault.Body, context.RequestAborted);
    }

    private static void SetRetryAfter(HttpContext context, FakeFault fault)
    {
        if (fault.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        }
    }

    private static byte[] CreatePadding(int length)
    {
        var padding = new byte[length];
        padding.AsSpan().Fill((byte)'x');
        return padding;
    }
}
