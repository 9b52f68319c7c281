using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests;

/// <summary>One fake Yahoo server per test, reached through real sockets.</summary>
public abstract class FakeYahooTestBase : IAsyncLifetime
{
    protected FakeYahooServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeYahooServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The arguments, after <c>--base-url</c> pointing at this test's server.</summary>
    protected string[] Args(params string[] args) => ["--base-url", Server.BaseAddress.ToString(), .. args];

    protected Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(Args(args));

    /// <summary>Waits up to 30 seconds for the server to have seen <paramref name="count"/> requests.</summary>
    protected async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 600 && Server.RequestCount < count; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
        Assert.True(Server.RequestCount >= count, $"the server saw {Server.RequestCount} requests, expected {count}");
    }
}
