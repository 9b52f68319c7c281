using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using Polly.Timeout;

namespace QuoteFetch;

/// <summary>
/// The one place that turns an exception met while fetching one symbol into that symbol's error kind and message.
/// Whatever the type, it becomes data: one symbol's failure never ends the batch.
/// </summary>
internal static class FailureClassifier
{
    // Exception messages may quote upstream text (a header line, a Location); this keeps them to one short line.
    private const int MaxMessageLength = 300;

    public static (QuoteErrorKind Kind, string Message) Classify(Exception exception, TimeSpan timeout) =>
        exception switch
        {
            TimeoutRejectedException or OperationCanceledException => (
                QuoteErrorKind.Timeout,
                $"no complete answer within {ExactSeconds(timeout)} s; raise --timeout if the source is slow"
            ),
            HttpRequestException http => (KindOf(http), Describe(http)),
            IOException or SocketException => (
                QuoteErrorKind.Network,
                $"the connection failed while reading the body ({Describe(exception)})"
            ),
            _ => (QuoteErrorKind.BadResponse, $"the answer could not be read ({Describe(exception)})"),
        };

    /// <summary>The connection could not be made at all: nothing answered, so the source may be unreachable.</summary>
    public static bool IsConnectionLevel(Exception exception) =>
        exception
            is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError
                    or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.VersionNegotiationError
                    or HttpRequestError.ProxyTunnelError
            };

    /// <summary>A failure that the same request cannot heal by trying again: DNS, TLS, HTTP version.</summary>
    public static bool CannotHeal(Exception? exception) =>
        exception
            is HttpRequestException
            {
                HttpRequestError: HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.VersionNegotiationError
                    or HttpRequestError.UserAuthenticationError
            };

    /// <summary>What went wrong, in words, for a retry line: "a 10 s timeout", "Connection refused (…)".</summary>
    public static string Reason(Exception exception, TimeSpan timeout) =>
        exception is TimeoutRejectedException ? $"a {ExactSeconds(timeout)} s timeout" : Describe(exception);

    /// <summary>The exception's message, completed with the innermost reason when the outer one only points at it.</summary>
    public static string Describe(Exception exception)
    {
        var message = Trim(exception.Message);
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }
        if (!ReferenceEquals(innermost, exception))
        {
            var reason = Trim(innermost.Message);
            if (reason.Length > 0 && !message.Contains(reason, StringComparison.OrdinalIgnoreCase))
            {
                message = message.Length == 0 ? reason : message + ": " + reason;
            }
        }
        return Clean(message, MaxMessageLength);
    }

    /// <summary>One line of at most <paramref name="maxLength"/> characters, control characters as spaces, cut visibly.</summary>
    public static string Clean(string text, int maxLength)
    {
        var cut = text.Length > maxLength;
        var span = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        return string.Create(
            span.Length + (cut ? 1 : 0),
            (text, cut),
            static (destination, state) =>
            {
                var length = state.cut ? destination.Length - 1 : destination.Length;
                for (var i = 0; i < length; i++)
                {
                    var c = state.text[i];
                    destination[i] = char.IsControl(c) ? ' ' : c;
                }
                if (state.cut)
                {
                    destination[^1] = '…';
                }
            }
        );
    }

    // "0.5", "30", "3600": milliseconds matter for short waits only.
    public static string Seconds(TimeSpan delay) =>
        delay.TotalSeconds.ToString(delay < TimeSpan.FromSeconds(10) ? "0.###" : "0", CultureInfo.InvariantCulture);

    private static string ExactSeconds(TimeSpan delay) =>
        delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static QuoteErrorKind KindOf(HttpRequestException exception) =>
        exception.HttpRequestError switch
        {
            HttpRequestError.HttpProtocolError
            or HttpRequestError.VersionNegotiationError
            or HttpRequestError.ExtendedConnectNotSupported
            or HttpRequestError.UserAuthenticationError => QuoteErrorKind.Http,
            HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded =>
                QuoteErrorKind.BadResponse,
            _ => QuoteErrorKind.Network,
        };

    // .NET's wrappers say "see inner exception"; the inner reason is appended instead.
    private static string Trim(string message)
    {
        var text = message.Trim();
        foreach (
            var pointer in (ReadOnlySpan<string>)
                [", see inner exception.", " See the inner exception for details.", "See inner exception."]
        )
        {
            if (text.EndsWith(pointer, StringComparison.Ordinal))
            {
                text = text[..^pointer.Length];
            }
        }
        return text.TrimEnd('.', ' ');
    }
}
