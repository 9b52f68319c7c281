namespace QuoteFetch.Cli;

/// <summary>Checks a source base URL from <c>--base-url</c> or its environment variable, without ever echoing a password.</summary>
internal static class BaseUrl
{
    /// <param name="text">The URL as given.</param>
    /// <param name="name">Where it came from, for the message: the option or the variable.</param>
    /// <param name="problem">Null when the URL is usable, else one line naming <paramref name="name"/>.</param>
    public static Uri? Parse(string text, string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"{name} must not be empty";
            return null;
        }
        var shown = Redact(text);
        if (
            !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        )
        {
            problem = $"{name} must be an absolute http:// or https:// URL, not '{shown}'";
            return null;
        }
        // Each of these would be dropped silently when a request path is added, and userinfo echoed in errors.
        if (uri.UserInfo.Length > 0 || shown != text)
        {
            problem = $"{name} must not have a user name or password (user:password@), not '{shown}'";
        }
        else if (uri.Query.Length > 0 || text.Contains('?', StringComparison.Ordinal))
        {
            problem = $"{name} must not have a query string (?...), not '{shown}'";
        }
        else if (uri.Fragment.Length > 0 || text.Contains('#', StringComparison.Ordinal))
        {
            problem = $"{name} must not have a fragment (#...), not '{shown}'";
        }
        return problem is null ? uri : null;
    }

    /// <summary>The URL with anything before an '@' in its authority (user name, password) replaced by <c>***</c>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = text.AsSpan(start).IndexOfAny('/', '?', '#') is var length and >= 0 ? start + length : text.Length;
        var at = text.AsSpan(start, end - start).LastIndexOf('@');
        return at < 0 ? text : string.Concat(text.AsSpan(0, start), "***", text.AsSpan(start + at));
    }
}
