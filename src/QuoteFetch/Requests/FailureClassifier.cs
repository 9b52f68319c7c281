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
                $"no complete answer within {Seconds.Exact(timeout)} s"
            ),
            BodyReadException => (QuoteErrorKind.Network, Describe(exception)),
            HttpRequestException http => (KindOf(http), Describe(http)),
            IOException or SocketException => (
                QuoteErrorKind.Network,
                $"the connection failed while reading the body ({Describe(exception)})"
            ),
            _ => (QuoteErrorKind.BadResponse, $"the answer could not be read ({Describe(exception)})"),
        };

    /// <summary>
    /// No answer came at all: the connection could not be made, or it was closed or reset before any response
    /// header. Only meaningful for a failure met before the headers arrived.
    /// </summary>
    public static bool IsConnectionLevel(Exception exception) =>
        exception switch
        {
            BodyReadException => false, // the headers came: the source answered
            HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError
                    or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.VersionNegotiationError
                    or HttpRequestError.ProxyTunnelError
                    or HttpRequestError.ResponseEnded
            } => true,
            HttpRequestException { HttpRequestError: HttpRequestError.Unknown } => Socket(exception)
                is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted },
            _ => false,
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
        exception is TimeoutRejectedException ? $"a {Seconds.Exact(timeout)} s timeout" : Describe(exception);

    /// <summary>What went wrong in plain words where .NET's own text is known to be obscure; else the exception's message, completed with the innermost reason.</summary>
    public static string Describe(Exception exception) =>
        exception is BodyReadException { InnerException: { } inner }
            ? $"the connection failed while reading the body ({BodyFailure(inner)})"
            : Plain(exception) ?? Dotnet(exception);

    private static string BodyFailure(Exception exception) =>
        exception is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? "the server closed it before the end"
            : Plain(exception) ?? Dotnet(exception);

    // .NET's texts that need a reader who knows .NET: "An error occurred while sending the request",
    // "(ResponseEnded)", "HTTP/2 error code 'HTTP_1_1_REQUIRED' (0xd)".
    private static string? Plain(Exception exception)
    {
        if (Find<HttpProtocolException>(exception) is { ErrorCode: Http11Required })
        {
            return "the server refused HTTP/2 (HTTP_1_1_REQUIRED)";
        }
        var error = exception switch
        {
            HttpRequestException http => http.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };
        switch (error)
        {
            case HttpRequestError.ResponseEnded:
                return "the server closed the connection before answering";
            case HttpRequestError.InvalidResponse:
                return $"the answer is not valid HTTP ({Clean(WithoutErrorName(Trim(Innermost(exception).Message)), MaxMessageLength)})";
            case HttpRequestError.SecureConnectionError:
                return Certificate(Trim(Innermost(exception).Message));
            default:
                break;
        }
        return Socket(exception)?.SocketErrorCode switch
        {
            SocketError.ConnectionReset => "connection reset by peer",
            SocketError.ConnectionAborted => "the connection was aborted",
            _ => null,
        };
    }

    // "The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot".
    private static string? Certificate(string reason)
    {
        const string Chain = "certificate chain: ";
        var at = reason.IndexOf(Chain, StringComparison.Ordinal);
        if (at >= 0)
        {
            return $"the server's certificate is not trusted ({Clean(reason[(at + Chain.Length)..], MaxMessageLength)})";
        }
        if (reason.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal))
        {
            return "the server's certificate is for another host name (RemoteCertificateNameMismatch)";
        }
        return null;
    }

    // HttpIOException appends its error's name: "… expected. (ResponseEnded)".
    private static string WithoutErrorName(string message)
    {
        var open = message.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && message.EndsWith(')') && Enum.TryParse<HttpRequestError>(message[(open + 2)..^1], out _)
            ? message[..open].TrimEnd('.', ' ')
            : message;
    }

    private static SocketException? Socket(Exception exception) => Find<SocketException>(exception);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }
        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }
        return innermost;
    }

    // HTTP/2's error code for "use HTTP/1.1 instead" (RFC 9113, 7).
    private const long Http11Required = 0xd;

    private const string SendingFailed = "An error occurred while sending the request";

    private static string Dotnet(Exception exception)
    {
        var message = WithoutErrorName(Trim(exception.Message));
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
                // .NET's "An error occurred while sending the request" says nothing the reason does not.
                message = message.Length == 0 || message == SendingFailed ? reason : message + ": " + reason;
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
