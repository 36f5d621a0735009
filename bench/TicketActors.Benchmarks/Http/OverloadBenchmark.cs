using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TicketActors.Benchmarks.Durable;

namespace TicketActors.Benchmarks.Http;

/// <summary>The options of <c>overload</c>; the defaults take about 30 seconds.</summary>
public sealed record OverloadOptions
{
    public int Limit { get; init; } = 64;
    public IReadOnlyList<int> Factors { get; init; } = [1, 10];
    public string Store { get; init; } = "sqlite";
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);
    public string OutFolder { get; init; } = Path.Combine("bench", "results");

    public const string Usage = """
        usage: dotnet run -c Release --project bench/TicketActors.Benchmarks -- overload [options]

        The service under overload: MaxInFlightPerEvent set to LIMIT, then LIMIT x FACTOR closed-loop buyers on
        keep-alive connections, each buying one ticket at a time and resending at once (same Idempotency-Key, no
        pause) whenever it gets 503 overloaded. A fresh service process per factor; its resident memory before and
        after the load and its peak are read from the kernel (/proc). Checks sold = 201 answers. Writes
        OUT/overload.md.

          --limit N            the service's MaxInFlightPerEvent, 1-10000 (default 64; shipped default 512)
          --factors LIST       buyers as multiples of the limit, 1-100 each, comma-separated (default 1,10);
                               the limit times the largest factor at most 20,000 connections
          --store NAME         memory or sqlite (default sqlite, the shipped default)
          --seconds S          measured seconds per factor, 0.5-600 (default 10)
          --warmup S           seconds of load before measuring, 0-600 (default 2)
          --out FOLDER         where overload.md goes (default bench/results)
        """;

    private static readonly HashSet<string> Names = ["--limit", "--factors", "--store", "--seconds", "--warmup", "--out"];

    public static bool TryParse(IReadOnlyList<string> args, out OverloadOptions options, out string error)
    {
        var parsed = new OverloadOptions();
        var ok = OptionValues.Pairs(args, Names, (name, value) =>
        {
            switch (name)
            {
                case "--limit" when OptionValues.Whole(value, 1, 10_000, out var limit):
                    parsed = parsed with { Limit = limit };
                    return null;
                case "--factors" when OptionValues.WholeList(value, 1, 100, out var factors):
                    parsed = parsed with { Factors = factors };
                    return null;
                case "--store" when value is "memory" or "sqlite":
                    parsed = parsed with { Store = value };
                    return null;
                case "--seconds" when OptionValues.Seconds(value, 0.5, 600, out var seconds):
                    parsed = parsed with { Duration = seconds };
                    return null;
                case "--warmup" when OptionValues.Seconds(value, 0, 600, out var seconds):
                    parsed = parsed with { WarmUp = seconds };
                    return null;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    parsed = parsed with { OutFolder = value };
                    return null;
                case "--limit":
                    return $"--limit must be a whole number from 1 to 10000, not '{value}'";
                case "--factors":
                    return $"--factors must be whole numbers from 1 to 100, comma-separated, not '{value}'";
                case "--store":
                    return $"--store must be memory or sqlite, not '{value}'";
                case "--seconds":
                    return $"--seconds must be a number from 0.5 to 600, not '{value}'";
                case "--warmup":
                    return $"--warmup must be a number from 0 to 600, not '{value}'";
                default:
                    return "--out needs a folder";
            }
        }, out error);
        options = parsed;
        if (ok && parsed.Factors.Max() * parsed.Limit > 20_000)
        {
            error = $"--limit {parsed.Limit} times --factors {parsed.Factors.Max()} is more than 20,000 connections";
            return false;
        }
        return ok;
    }
}

/// <summary>One factor's run: the load, the 503s, the service's memory, and the check.</summary>
public sealed record OverloadRow(int Factor, int Connections, LoadResult Load, long IdleBytes, long PeakBytes, long EndBytes, long Sold)
{
    /// <summary>The 503 answers: each was followed by a resend, which the load counts as a retry.</summary>
    public long Overloaded => Load.Retries;

    public bool Correct => Load.TotalFailures == 0 && Sold == Load.TotalSuccesses;
}

/// <summary>
/// Issue 5's "memory stays bounded under 10x overload", measured: past the per-event in-flight limit the service answers
/// 503 at once instead of queueing, so ten times the buyers should cost about the memory of one times, not ten.
/// </summary>
public static class OverloadBenchmark
{
    private static readonly TimeSpan PurchasePatience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(OverloadOptions options, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var startedAt = DateTimeOffset.Now;
        var load = BenchMachine.LoadAverage();
        Console.WriteLine($"overload benchmark: MaxInFlightPerEvent {options.Limit}, buyers x{string.Join(", x", options.Factors)}, store {options.Store}; " +
            $"{options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s measured; {BenchMachine.Description}; load average {load}");
        var rows = new List<OverloadRow>();
        foreach (var factor in options.Factors)
        {
            var folder = Directory.CreateTempSubdirectory("ticketactors-overload-bench-").FullName;
            try
            {
                await using var server = await ServerProcess.StartServiceAsync(options.Store, folder,
                    $"--TicketActors:MaxInFlightPerEvent={options.Limit}");
                var row = await RunFactorAsync(server, options, factor, cancellation);
                rows.Add(row);
                Console.WriteLine($"  x{factor,-3} {row.Connections,6:N0} buyers: {row.Load.PurchasesPerSecond,9:N0} purchases/s, " +
                    $"{row.Overloaded,10:N0} answers 503, p50 {row.Load.P50Ms:0.00} ms, p99 {row.Load.P99Ms:0.00} ms; memory idle {Mb(row.IdleBytes)}, " +
                    $"peak {Mb(row.PeakBytes)}, at the end {Mb(row.EndBytes)}; sold {row.Sold:N0} {(row.Correct ? "=" : "!=")} {row.Load.TotalSuccesses:N0} 201 answers");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var command = "dotnet run -c Release --project bench/TicketActors.Benchmarks -- " + string.Join(' ', args);
        var markdown = ToMarkdown(rows, options, startedAt, load, command);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutFolder);
        var path = Path.Combine(options.OutFolder, "overload.md");
        await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
        Console.WriteLine($"written: {path}");
        return rows.All(r => r.Correct) ? 0 : 1;
    }

    private static async Task<OverloadRow> RunFactorAsync(ServerProcess server, OverloadOptions options, int factor, CancellationToken cancellation)
    {
        var connections = options.Limit * factor;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var run = Guid.NewGuid().ToString("N")[..8];
        var eventId = $"overload-{factor}-{run}";
        await HttpBenchmark.CreateHotEventAsync(http, eventId, cancellation);
        var idle = server.Memory().Resident;

        var path = $"/events/{eventId}/purchases";
        var result = await LoadGenerator.RunAsync(connections, options.WarmUp, options.Duration, (buyer, number) =>
            PurchaseAsync(http, path, $"{run}-{buyer}-{number}", HttpBenchmark.PurchaseBody(buyer), cancellation), cancellation);
        var end = server.Memory();
        var sold = await HttpBenchmark.SoldAsync(http, eventId, cancellation);
        return new OverloadRow(factor, connections, result, idle, end.Peak, end.Resident, sold);
    }

    /// <summary>
    /// One purchase, resent at once with the same key after each 503 (the harshest client: it never waits as Retry-After
    /// asks); Retries counts the 503s. Any other answer than 201 or 503 is a failure.
    /// </summary>
    private static async Task<PurchaseOutcome> PurchaseAsync(HttpClient http, string path, string key, string body, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        for (var overloaded = 0; ; overloaded++)
        {
            using var response = await http.SendAsync(HttpBenchmark.Post(path, body, ("Idempotency-Key", key)), cancellation);
            await response.Content.ReadAsByteArrayAsync(cancellation);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return PurchaseOutcome.Success(overloaded);
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || Stopwatch.GetElapsedTime(started) > PurchasePatience)
            {
                return new PurchaseOutcome(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), overloaded);
            }
        }
    }

    private static string ToMarkdown(List<OverloadRow> rows, OverloadOptions options, DateTimeOffset startedAt, string? load, string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# The service under overload");
        md.AppendLine();
        md.AppendLine(invariant, $"Run {startedAt:yyyy-MM-dd HH:mm zzz} on {BenchMachine.Description}; load average at start {load ?? "n/a"}.");
        md.AppendLine();
        md.AppendLine(invariant, $"Command: `{command}`");
        md.AppendLine();
        md.AppendLine(string.Create(invariant, $"`TicketActors.Api` on the {options.Store} store with `MaxInFlightPerEvent` = {options.Limit:N0}, a fresh process per row; ") +
            "N closed-loop buyers on keep-alive connections, each buying one ticket at a time and resending at once (same `Idempotency-Key`, no pause) after every 503. " +
            string.Create(invariant, $"{options.WarmUp.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s measured; purchases/s and p50/p99 (first send to the 201, resends included) over the measured window; ") +
            "503s over the whole run. Memory: the service's resident set before the load, its peak (the kernel's `VmHWM`, start-up included), and at the end of the load.");
        md.AppendLine();
        md.AppendLine("| buyers (x limit) | purchases/s | 503 answers | p50 ms | p99 ms | memory idle | peak | at the end | correct |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            md.AppendLine(invariant, $"| {row.Connections:N0} (x{row.Factor}) | {row.Load.PurchasesPerSecond:N0} | {row.Overloaded:N0} | {row.Load.P50Ms:0.00} | {row.Load.P99Ms:0.0} | " +
                $"{Mb(row.IdleBytes)} | {Mb(row.PeakBytes)} | {Mb(row.EndBytes)} | {(row.Correct ? "yes" : "**NO**")}: sold {row.Sold:N0}, {row.Load.TotalSuccesses:N0} 201s{Failures(row)} |");
        }
        return md.ToString();
    }

    private static string Failures(OverloadRow row) =>
        row.Load.TotalFailures == 0 ? "" : $", failed: {ActorPurchases.FormatFailures(row.Load.Failures)}";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MB");
}
