namespace QuoteFetch;

/// <summary>
/// Reads a chart answer's body inside the attempt, under its timeout: a connection reset or a stall mid-body then
/// fails the attempt, and the retry strategy treats it like one before the headers. The body is kept in a
/// <see cref="BufferedBody"/> (capped) for <see cref="ChartResponseReader"/>.
/// </summary>
internal sealed class BodyBufferHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!ChartResponseReader.BuffersBody(response.StatusCode))
        {
            return response;
        }
        try
        {
            response.Content = await BufferedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
