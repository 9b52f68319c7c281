using BenchmarkDotNet.Running;

namespace QuoteFetch.Benchmarks;

// A named class, not top-level statements: the CLI's own top-level Program is visible here through
// InternalsVisibleTo, and two global 'Program' types would clash.
internal static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

        // A benchmark that failed to build or run still leaves a summary; scripts need a non-zero exit for it.
        var failed = summaries.Any(summary =>
            summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)
        );
        return failed ? 1 : 0;
    }
}
