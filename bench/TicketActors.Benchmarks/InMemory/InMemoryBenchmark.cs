
namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// Runs every design at every buyer count, <c>--runs</c> times, each run in a child process (<see cref="SaleRun"/>);
/// the designs take turns within each round, so a busy moment of the machine does not fall on one design only.
/// </summary>
public static class InMemoryBenchmark
{
    public static async Task<int> RunAsync(InMemoryOptions options, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = BenchMachine.Description;
        var load = BenchMachine.LoadAverage();
        var command = "dotnet run -c Release --project bench/TicketActors.Benchmarks -- " + string.Join(' ', args);
        Console.WriteLine($"in-memory sale of {options.Tickets:N0} tickets; {machine}; load average {load}");

        var designs = SaleDesigns.All.Where(d => options.Designs.Contains(d.Key)).ToList();
        var results = new List<SaleResult>();
        foreach (var buyers in options.Buyers)
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var (key, name) in designs)
                {
                    var result = await SaleRun.InChildAsync(key, name, buyers, options.Tickets, options.RunTimeout, cancellation);
                    results.Add(result);
                    Console.WriteLine(double.IsNaN(result.RequestsPerSecond)
                        ? $"{name,-27} {buyers,9:N0} buyers  run {run}: FAILED: {result.Check}"
                        : $"{name,-27} {buyers,9:N0} buyers  run {run}: {result.RequestsPerSecond,12:N0} requests/s  " +
                          $"p50 {result.P50Ms,9:0.000} ms  p99 {result.P99Ms,9:0.000} ms  peak {result.PeakMemoryMb,6:N0} MB  " +
                          $"{(result.Correct ? "ok" : "FAILED: " + result.Check)}");
                }
            }
        }

        var names = designs.Select(d => d.Name).ToList();
        var report = new InMemoryReport(startedAt.ToString("yyyy-MM-dd HH:mm 'UTC'"), machine, load, command, options.Tickets, options.Runs,
            InMemoryReport.Summarise(results, names), results);
        Directory.CreateDirectory(options.OutFolder);
        var markdown = report.ToMarkdown();
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "inmemory.md"), markdown, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "inmemory.json"), report.ToJson(), CancellationToken.None);
        InMemoryChart.Save(report.Summaries, names, options.Tickets, options.OutFolder);
        Console.WriteLine();
        Console.WriteLine(markdown);
        return report.Summaries.All(s => s.Correct) ? 0 : 1;
    }
}
