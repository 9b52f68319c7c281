using System.Text.Json;

namespace QuoteFetch.Cli.Tests;

public sealed class RuntimeConfigTests
{
    private const long Gen0MaxBudget = 16 * 1024 * 1024;

    /// <summary>
    /// The GC sizes its youngest generation from the L3 cache it finds: with a 260 MiB L3, 10,000 symbols took
    /// 73 MiB (AOT) and 112 MiB (JIT) instead of 35 and 73 (bench/README.md, "3. Peak memory"). The shipped runtime
    /// configuration caps that budget so the peak does not depend on the machine.
    /// </summary>
    [Fact]
    public void ShippedRuntimeConfig_CapsTheGen0BudgetAt6MiB()
    {
        var cliAssembly = typeof(QuoteFetchApp).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(cliAssembly, ".runtimeconfig.json");

        using var document = JsonDocument.Parse(File.ReadAllBytes(runtimeConfig));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(
            properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget),
            $"{runtimeConfig} has no System.GC.Gen0MaxBudget"
        );
        Assert.Equal(Gen0MaxBudget, budget.GetInt64());
    }
}
