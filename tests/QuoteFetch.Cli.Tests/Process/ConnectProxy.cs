using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuoteFetch.Cli.Tests.Process;

/// <summary>
/// A minimal HTTPS proxy on 127.0.0.1: answers CONNECT, then relays bytes both ways, and records each tunnel's
/// target, so a test can see that traffic went through it. It never sees inside the TLS it carries.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<string> _targets = [];

    public ConnectProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public IReadOnlyList<string> Targets
    {
        get
        {
            lock (_targets)
            {
                return [.. _targets];
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = TunnelAsync(client);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var target = head.Split(' ')[1]; // CONNECT host:port HTTP/1.1
            lock (_targets)
            {
                _targets.Add(target);
            }
            var (host, port) = (
                target[..target.LastIndexOf(':')],
                int.Parse(target[(target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            );
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(host, port, _stop.Token);
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            var upstreamStream = upstream.GetStream();
            await Task.WhenAny(
                stream.CopyToAsync(upstreamStream, _stop.Token),
                upstreamStream.CopyToAsync(stream, _stop.Token)
            );
        }
    }

    // Reads the request head byte by byte, so not one byte of the TLS that follows is taken.
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
