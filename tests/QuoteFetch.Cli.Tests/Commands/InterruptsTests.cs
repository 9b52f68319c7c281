using System.Runtime.InteropServices;
using Microsoft.Extensions.Time.Testing;

namespace QuoteFetch.Cli.Tests.Commands;

public sealed class InterruptsTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGHUP)]
    public void OnSignal_FirstDuringTheBatch_CancelsAndKeepsTheProcessAlive(PosixSignal signal)
    {
        var exits = new List<int>();
        using var sut = new Interrupts(exits.Add);
        sut.BatchStarted();
        var context = new PosixSignalContext(signal);

        sut.OnSignal(context);

        Assert.True(sut.Token.IsCancellationRequested);
        Assert.True(context.Cancel);
        Assert.Empty(exits);
    }

    [Fact]
    public void OnSignal_SecondDuringTheBatch_ExitsAtOnceWith130()
    {
        var exits = new List<int>();
        using var sut = new Interrupts(exits.Add);
        sut.BatchStarted();
        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGINT));

        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        Assert.Equal([ExitCodes.Interrupted], exits);
    }

    [Fact]
    public void OnSignal_BeforeTheBatch_ExitsAtOnceWith130()
    {
        // Input may still be arriving from a pipe that never ends: there is nothing to print and nothing to wait for.
        var exits = new List<int>();
        using var sut = new Interrupts(exits.Add);

        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        Assert.Equal([ExitCodes.Interrupted], exits);
    }

    [Fact]
    public void OnSignal_FirstDuringTheBatch_ExitsWith130WhenTheWindDownOutlastsItsGrace()
    {
        // A reader that stopped reading blocks the last write for ever: one signal must still end the run.
        var exits = new List<int>();
        var clock = new FakeTimeProvider();
        using var sut = new Interrupts(exits.Add, clock);
        sut.BatchStarted();
        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        clock.Advance(Interrupts.WindDownGrace - TimeSpan.FromMilliseconds(1));
        var beforeGrace = exits.ToArray();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(beforeGrace);
        Assert.Equal([ExitCodes.Interrupted], exits);
    }
}
