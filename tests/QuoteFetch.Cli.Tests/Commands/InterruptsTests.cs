using System.Runtime.InteropServices;

namespace QuoteFetch.Cli.Tests.Commands;

public sealed class InterruptsTests
{
    [Fact]
    public void OnSignal_First_CancelsAndKeepsTheProcessAlive()
    {
        var exits = new List<int>();
        using var sut = new Interrupts(exits.Add);
        var context = new PosixSignalContext(PosixSignal.SIGINT);

        sut.OnSignal(context);

        Assert.True(sut.Token.IsCancellationRequested);
        Assert.True(context.Cancel);
        Assert.Empty(exits);
    }

    [Fact]
    public void OnSignal_Second_ExitsAtOnceWith130()
    {
        var exits = new List<int>();
        using var sut = new Interrupts(exits.Add);
        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGINT));

        sut.OnSignal(new PosixSignalContext(PosixSignal.SIGINT));

        Assert.Equal([ExitCodes.Interrupted], exits);
    }
}
