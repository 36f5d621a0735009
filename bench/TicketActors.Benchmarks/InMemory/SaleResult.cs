using System.Diagnostics;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// One run of one design at one buyer count, as the child process reports it (one JSON line). <see cref="P50Ms"/> and
/// <see cref="P99Ms"/> are over every reply (at a million buyers most are a buyer's only request, refused at once);
/// <see cref="SaleP50Ms"/> and <see cref="SaleP99Ms"/> over the sales alone.
/// </summary>
public sealed record SaleResult(
    string Design,
    int Buyers,
    int Tickets,
    long Requests,
    long Sold,
    double ElapsedMs,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double SaleP50Ms,
    double SaleP99Ms,
    double PeakMemoryMb,
    bool Correct,
    string Check)
{
    /// <summary>
    /// Checks a finished run: every buyer ended on <c>SoldOut</c>; exactly the capacity was received, no serial and no
    /// code twice; the box office's own count agrees; tickets + buyers requests were answered.
    /// </summary>
    public static SaleResult From(string design, SaleSetup setup, BuyerLog[] logs, Availability final, TimeSpan elapsed)
    {
        var problems = new List<string>();
        var serials = new bool[setup.Tickets + 1];
        var codes = new HashSet<string>(setup.Tickets, StringComparer.Ordinal);
        long received = 0, requests = 0, duplicates = 0;
        var latencies = new List<double>(checked((int)setup.ExpectedRequests));
        var saleLatencies = new List<double>(setup.Tickets);
        var toMs = 1000.0 / Stopwatch.Frequency;
        string? unexpected = null;
        foreach (var log in logs)
        {
            unexpected ??= log.Unexpected;
            requests += log.Latencies.Count;
            foreach (var ticks in log.Latencies)
            {
                latencies.Add(ticks * toMs);
            }
            foreach (var ticks in log.SaleLatencies)
            {
                saleLatencies.Add(ticks * toMs);
            }
            foreach (var ticket in log.Tickets)
            {
                received++;
                var serialSeen = ticket.Serial < 1 || ticket.Serial > setup.Tickets || serials[ticket.Serial];
                if (serialSeen || !codes.Add(ticket.Code))
                {
                    duplicates++;
                }
                else
                {
                    serials[ticket.Serial] = true;
                }
            }
        }
        if (unexpected is not null)
        {
            problems.Add($"unexpected reply: {unexpected}");
        }
        if (received != setup.Tickets)
        {
            problems.Add($"{received:N0} tickets received for a capacity of {setup.Tickets:N0}");
        }
        if (duplicates > 0)
        {
            problems.Add($"{duplicates:N0} serials or codes received twice");
        }
        if (final.Sold != setup.Tickets || final.Held != 0 || final.Available != 0)
        {
            problems.Add($"the box office counts sold {final.Sold:N0}, held {final.Held:N0}, available {final.Available:N0}");
        }
        if (requests != setup.ExpectedRequests)
        {
            problems.Add($"{requests:N0} replies for {setup.ExpectedRequests:N0} requests");
        }
        latencies.Sort();
        saleLatencies.Sort();
        var check = problems.Count == 0
            ? $"sold {received:N0} = capacity, {codes.Count:N0} distinct codes and serials, {requests:N0} replies"
            : string.Join("; ", problems);
        return new SaleResult(design, setup.Buyers, setup.Tickets, requests, received, elapsed.TotalMilliseconds,
            requests / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            Percentile(saleLatencies, 0.50), Percentile(saleLatencies, 0.99), ReadPeakMemoryMb(),
            problems.Count == 0, check);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The process's peak resident set (VmHWM, Linux); the whole process runs this one design.</summary>
    private static double ReadPeakMemoryMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }
        return Environment.WorkingSet / 1024.0 / 1024.0;
    }
}
