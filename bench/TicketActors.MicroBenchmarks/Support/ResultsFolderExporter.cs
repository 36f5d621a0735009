using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace TicketActors.MicroBenchmarks.Support;

/// <summary>
/// Writes what <paramref name="inner"/> exports straight into <paramref name="folder"/> (bench/results/micro), named by
/// the benchmark class: BenchmarkDotNet itself puts results in a "results" folder under its artifacts, next to its logs.
/// </summary>
public sealed class ResultsFolderExporter(IExporter inner, string folder, string fileSuffix) : IExporter
{
    public string Name => $"{inner.Name}-in-{Path.GetFileName(folder)}";

    public void ExportToLog(Summary summary, ILogger logger) => inner.ExportToLog(summary, logger);

    public IEnumerable<string> ExportToFiles(Summary summary, ILogger consoleLogger)
    {
        Directory.CreateDirectory(folder);
        var types = summary.BenchmarksCases.Select(c => c.Descriptor.Type.Name).Distinct().ToList();
        var name = types.Count == 1 ? types[0] : "Joined";
        var path = Path.Combine(folder, $"{name}{fileSuffix}");
        using (var writer = new StreamWriter(path, append: false))
        {
            inner.ExportToLog(summary, new StreamLogger(writer));
        }
        return [path];
    }
}
