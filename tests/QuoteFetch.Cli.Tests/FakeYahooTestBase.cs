using QuoteFetch.FakeYahoo;

namespace QuoteFetch.Cli.Tests;

/// <summary>One fake Yahoo server per test, reached through real sockets.</summary>
public abstract class FakeYahooTestBase : IAsyncLifetime
{
    protected FakeYahooServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeYahooServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--base-url", Server.BaseAddress.ToString(), .. args]);
}
