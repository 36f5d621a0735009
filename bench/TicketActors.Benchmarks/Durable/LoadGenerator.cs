using System.Diagnostics;

namespace TicketActors.Benchmarks.Durable;

/// <summary>One purchase (with the retries it needed): <c>Failure</c> is null when it succeeded (durably), otherwise why not.</summary>
public readonly record struct PurchaseOutcome(string? Failure, int Retries = 0)
{
    public static PurchaseOutcome Success(int retries = 0) => new(null, retries);
}

/// <summary>One purchase by <paramref name="buyer"/>, its <paramref name="number"/>-th.</summary>
public delegate Task<PurchaseOutcome> PurchaseAttempt(int buyer, long number);

/// <summary>What N closed-loop buyers achieved: the measured window, and every attempt of the whole run for the checks.</summary>
public sealed record LoadResult(
    int Buyers,
    TimeSpan Measured,
    long MeasuredSuccesses,
    double[] LatenciesMs,
    long TotalSuccesses,
    IReadOnlyDictionary<string, long> Failures,
    long Retries = 0)
{
    public double PurchasesPerSecond => MeasuredSuccesses / Measured.TotalSeconds;

    public double P50Ms => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    public long TotalFailures => Failures.Values.Sum();

    /// <summary>Nearest rank over the successful purchases that completed inside the measured window.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// N buyers, each an async loop: one purchase, await its reply, the next. They run through a warm-up, then a measured
/// window; a purchase counts for the throughput and latency figures when it succeeded and its reply arrived inside
/// the window. No buyer starts a purchase after the window; every purchase started is awaited, so the totals cover
/// the whole run (what the correctness checks compare with the store). A purchase's latency runs from its first
/// send to its final reply, retries included.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(int buyers, TimeSpan warmUp, TimeSpan duration, PurchaseAttempt purchase, CancellationToken cancellation)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = new Task<BuyerTally>[buyers];
        for (var b = 0; b < buyers; b++)
        {
            var buyer = b;
            loops[b] = Task.Run(() => BuyAsync(buyer, measureFrom, measureTo, purchase, cancellation), CancellationToken.None);
        }
        var tallies = await Task.WhenAll(loops);

        var latencies = new double[tallies.Sum(t => t.Latencies.Count)];
        var next = 0;
        foreach (var tally in tallies)
        {
            tally.Latencies.CopyTo(latencies, next);
            next += tally.Latencies.Count;
        }
        Array.Sort(latencies);
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in tallies.SelectMany(t => t.Failures))
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }
        return new LoadResult(buyers, duration, latencies.Length, latencies, tallies.Sum(t => t.Successes), failures, tallies.Sum(t => t.Retries));
    }

    private static async Task<BuyerTally> BuyAsync(int buyer, long measureFrom, long measureTo, PurchaseAttempt purchase, CancellationToken cancellation)
    {
        var tally = new BuyerTally();
        for (long number = 0; !cancellation.IsCancellationRequested; number++)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= measureTo)
            {
                break;
            }
            string? failure;
            try
            {
                var outcome = await purchase(buyer, number);
                failure = outcome.Failure;
                tally.Retries += outcome.Retries;
            }
            catch (Exception e)
            {
                failure = e.GetType().Name;
            }
            var replied = Stopwatch.GetTimestamp();
            if (failure is not null)
            {
                tally.Failures[failure] = tally.Failures.GetValueOrDefault(failure) + 1;
                continue;
            }
            tally.Successes++;
            if (replied >= measureFrom && replied < measureTo)
            {
                tally.Latencies.Add((replied - sent) * 1000.0 / Stopwatch.Frequency);
            }
        }
        return tally;
    }

    private sealed class BuyerTally
    {
        public List<double> Latencies { get; } = new(1024);
        public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);
        public long Successes { get; set; }
        public long Retries { get; set; }
    }
}
