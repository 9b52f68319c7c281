using Microsoft.Extensions.Hosting;

namespace QuoteFetch.FakeYahoo;

/// <summary>
/// Replaces the console lifetime: the server lives inside test and benchmark processes, where hooking
/// Ctrl+C and SIGTERM would keep the host process from being stopped. Program.cs handles signals itself.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
