using System.Diagnostics;
using System.Reflection;

namespace QuoteFetch.Tests;

/// <summary>README's library example is samples/QuoteFetch.Example/Program.cs, word for word, and it works.</summary>
public sealed class ReadmeExampleTests : FakeYahooTestBase
{
    private static readonly string RepositoryRoot = Metadata("QuoteFetchRepositoryRoot");

    [Fact]
    public void ReadmeLibraryExample_IsTheSampleProgram()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        var library = readme[readme.IndexOf("\n## Library", StringComparison.Ordinal)..];
        var start = library.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = library[start..library.IndexOf("```\n", start, StringComparison.Ordinal)];

        var program = File.ReadAllText(Path.Combine(RepositoryRoot, "samples/QuoteFetch.Example/Program.cs"));

        Assert.Equal(program.ReplaceLineEndings("\n"), block.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SampleProgram_AgainstTheFakeServer_PrintsEachResultThenAllInOrder()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Metadata("QuoteFetchExamplePath"));
        info.ArgumentList.Add(Server.BaseAddress.ToString());
        using var process = Process.Start(info)!;

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("", await error);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(4, lines.Length);
        Assert.Contains("AAPL 220.003 USD", lines.Take(3));
        Assert.Contains("FB not-found: No data found, symbol may be delisted", lines.Take(3));
        var msft = FakeYahoo.FakeYahooServer.SyntheticPriceText("MSFT");
        Assert.Contains(
            $"MSFT {decimal.Parse(msft, System.Globalization.CultureInfo.InvariantCulture)} USD",
            lines.Take(3)
        );
        Assert.StartsWith("AAPL=220.003, MSFT=", lines[3], StringComparison.Ordinal);
    }

    private static string Metadata(string key) =>
        typeof(ReadmeExampleTests)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key)
            .Value!;
}
