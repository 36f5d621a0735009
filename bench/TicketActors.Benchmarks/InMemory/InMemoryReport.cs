using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>The runs of one design at one buyer count, summarised: medians, and the spread of the throughput.</summary>
public sealed record SaleSummary(
    string Design,
    int Buyers,
    int Runs,
    int CorrectRuns,
    double MedianRequestsPerSecond,
    double MinRequestsPerSecond,
    double MaxRequestsPerSecond,
    double MedianP50Ms,
    double MedianP99Ms,
    double MinP99Ms,
    double MaxP99Ms,
    double MedianSaleP50Ms,
    double MedianSaleP99Ms,
    double MedianPeakMemoryMb,
    double? RatioToLock)
{
    public bool Correct => CorrectRuns == Runs;
}

/// <summary>The results of an in-memory benchmark run: every run, the summaries, and their Markdown and JSON forms.</summary>
public sealed record InMemoryReport(
    string StartedAt,
    string Machine,
    string? LoadAverage,
    string Command,
    int Tickets,
    int Runs,
    IReadOnlyList<SaleSummary> Summaries,
    IReadOnlyList<SaleResult> Results)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static IReadOnlyList<SaleSummary> Summarise(IReadOnlyList<SaleResult> results, IReadOnlyList<string> designOrder)
    {
        var summaries = new List<SaleSummary>();
        foreach (var buyers in results.Select(r => r.Buyers).Distinct().Order())
        {
            var lockRuns = results.Where(r => r.Buyers == buyers && r.Design == SaleDesigns.Lock && r.Correct).ToList();
            var lockMedian = lockRuns.Count == 0 ? (double?)null : Median(lockRuns.Select(r => r.RequestsPerSecond));
            foreach (var design in designOrder)
            {
                var runs = results.Where(r => r.Buyers == buyers && r.Design == design).ToList();
                if (runs.Count == 0)
                {
                    continue;
                }
                var good = runs.Where(r => r.Correct).ToList();
                var measured = good.Count > 0 ? good : runs;
                var throughput = Median(measured.Select(r => r.RequestsPerSecond));
                summaries.Add(new SaleSummary(design, buyers, runs.Count, good.Count,
                    throughput, measured.Min(r => r.RequestsPerSecond), measured.Max(r => r.RequestsPerSecond),
                    Median(measured.Select(r => r.P50Ms)), Median(measured.Select(r => r.P99Ms)),
                    measured.Min(r => r.P99Ms), measured.Max(r => r.P99Ms),
                    Median(measured.Select(r => r.SaleP50Ms)), Median(measured.Select(r => r.SaleP99Ms)), Median(measured.Select(r => r.PeakMemoryMb)),
                    lockMedian is { } l && good.Count > 0 ? throughput / l : null));
            }
        }
        return summaries;
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"In-memory sale of {Tickets:N0} tickets, {StartedAt}, {Machine}, load average at start {LoadAverage ?? "unknown"}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}`. Median of {Runs} {(Runs == 1 ? "run" : "runs")} per row (each run a process of its own); spread = slowest to fastest run.");
        md.AppendLine("Requests/s: purchase requests answered per second (one per ticket sold plus each buyer's final `SoldOut`), from the first buyer's start to the last reply.");
        md.AppendLine("Latency from a request's send to its reply: p50 and p99 over every reply (at many buyers mostly a buyer's only request, refused at once), and over the sales alone.");
        md.AppendLine();
        md.AppendLine("| design | buyers | requests/s | spread | vs lock | p50 ms | p99 ms (spread) | sales p50 / p99 ms | peak memory | correct |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in Summaries)
        {
            var ratio = s.RatioToLock is { } r ? $"{r:0.00}x" : "n/a";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Design} | {s.Buyers:N0} | {Count(s.MedianRequestsPerSecond)} | {Count(s.MinRequestsPerSecond)}-{Count(s.MaxRequestsPerSecond)} | {ratio} | {Ms(s.MedianP50Ms)} | {Ms(s.MedianP99Ms)} ({Ms(s.MinP99Ms)}-{Ms(s.MaxP99Ms)}) | {Ms(s.MedianSaleP50Ms)} / {Ms(s.MedianSaleP99Ms)} | {Count(s.MedianPeakMemoryMb)} MB | {(s.Correct ? "yes" : $"NO ({s.CorrectRuns}/{s.Runs})")} |");
        }
        var failures = Results.Where(r => !r.Correct).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Failed runs:");
            foreach (var f in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {f.Design}, {f.Buyers:N0} buyers: {f.Check}");
            }
        }
        md.AppendLine();
        md.AppendLine("Charts: `inmemory-throughput.png` (requests/s against buyers) and `inmemory-p99.png` (p99 latency against buyers).");
        return md.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(Json) { WriteIndented = true });

    /// <summary>Milliseconds: three decimals below 10 ms, whole above; n/a for a run that failed.</summary>
    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms < 10 ? ms.ToString("0.000", CultureInfo.InvariantCulture) : ms.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(double value) => double.IsNaN(value) ? "n/a" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
