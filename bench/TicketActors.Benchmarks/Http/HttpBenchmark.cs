using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TicketActors.Benchmarks.Durable;

namespace TicketActors.Benchmarks.Http;

/// <summary>The options of <c>http</c>; defaults keep a run under a minute on a 2-core machine.</summary>
public sealed record HttpOptions
{
    public IReadOnlyList<int> Connections { get; init; } = [64, 256];
    public IReadOnlyList<string> Stores { get; init; } = ["memory", "sqlite"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);
    public int Rounds { get; init; } = 3;
    public string OutFolder { get; init; } = Path.Combine("bench", "results");

    public const string Usage = """
        usage: dotnet run -c Release --project bench/TicketActors.Benchmarks -- http [options]

        HTTP purchases/s on loopback: the service (its own process, on each store) next to a trivial Kestrel
        endpoint (the ceiling: reads the same body, answers 201 with a small JSON body, decides nothing), at each
        connection count; the ratio is service / ceiling. Writes OUT/http.md and OUT/http.json.

          --connections LIST   concurrent connections (closed-loop buyers) per row, comma-separated (default 64,256)
          --stores LIST        the service's stores: memory,sqlite (default both)
          --seconds S          measured seconds per row, 0.5-600 (default 3)
          --warmup S           seconds of load before measuring, 0-600 (default 1)
          --rounds N           rounds over every row, 1-100; each row reports its median round (default 3)
          --out FOLDER         where http.md and http.json go (default bench/results)
        """;

    private static readonly HashSet<string> Names = ["--connections", "--stores", "--seconds", "--warmup", "--rounds", "--out"];

    public static bool TryParse(IReadOnlyList<string> args, out HttpOptions options, out string error)
    {
        var parsed = new HttpOptions();
        var ok = OptionValues.Pairs(args, Names, (name, value) =>
        {
            switch (name)
            {
                case "--connections":
                    if (!OptionValues.WholeList(value, 1, 10_000, out var counts))
                    {
                        return $"--connections: '{value}' is not a list of counts from 1 to 10000";
                    }
                    parsed = parsed with { Connections = counts };
                    return null;
                case "--stores":
                    var stores = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
                    if (stores.Count == 0 || stores.Any(s => s is not ("memory" or "sqlite")))
                    {
                        return $"--stores must list memory and/or sqlite, not '{value}'";
                    }
                    parsed = parsed with { Stores = stores };
                    return null;
                case "--seconds" when OptionValues.Seconds(value, 0.5, 600, out var seconds):
                    parsed = parsed with { Duration = seconds };
                    return null;
                case "--warmup" when OptionValues.Seconds(value, 0, 600, out var seconds):
                    parsed = parsed with { WarmUp = seconds };
                    return null;
                case "--rounds" when OptionValues.Whole(value, 1, 100, out var rounds):
                    parsed = parsed with { Rounds = rounds };
                    return null;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    parsed = parsed with { OutFolder = value };
                    return null;
                case "--seconds":
                    return $"--seconds must be a number from 0.5 to 600, not '{value}'";
                case "--warmup":
                    return $"--warmup must be a number from 0 to 600, not '{value}'";
                case "--rounds":
                    return $"--rounds must be a whole number from 1 to 100, not '{value}'";
                default:
                    return "--out needs a folder";
            }
        }, out error);
        options = parsed;
        return ok;
    }
}

/// <summary>One measured run: a target (the ceiling, or the service on a store) at a connection count, in one round.</summary>
public sealed record HttpRow(string Target, int Connections, int Round, LoadResult Load, bool? Correct, string Check);

/// <summary>
/// A target at a connection count over every round: the median round's figures, the spread of purchases/s, and the
/// median of the ratios to the ceiling measured in the same round (the two ran back to back, on the same machine).
/// </summary>
public sealed record HttpSummary(string Target, int Connections, HttpRow Median, double Slowest, double Fastest, double? Ratio, double? RatioLow, double? RatioHigh, bool? Correct)
{
    public static IReadOnlyList<HttpSummary> Of(IReadOnlyList<HttpRow> rows) =>
        [.. rows.GroupBy(r => (r.Connections, r.Target)).OrderBy(g => g.Key.Connections).Select(group =>
        {
            var runs = group.OrderBy(r => r.Load.PurchasesPerSecond).ToList();
            var ratios = group.Select(r => RatioInRound(r, rows)).OfType<double>().Order().ToList();
            return new HttpSummary(group.Key.Target, group.Key.Connections, runs[runs.Count / 2],
                runs[0].Load.PurchasesPerSecond, runs[^1].Load.PurchasesPerSecond,
                ratios.Count == 0 ? null : ratios[ratios.Count / 2], ratios.Count == 0 ? null : ratios[0], ratios.Count == 0 ? null : ratios[^1],
                group.Any(r => r.Correct == false) ? false : group.All(r => r.Correct is null) ? null : true);
        })];

    private static double? RatioInRound(HttpRow row, IReadOnlyList<HttpRow> rows) =>
        row.Target == HttpBenchmark.Ceiling ||
        rows.FirstOrDefault(r => r.Target == HttpBenchmark.Ceiling && r.Connections == row.Connections && r.Round == row.Round && r.Load.MeasuredSuccesses > 0) is not { } ceiling
            ? null
            : row.Load.PurchasesPerSecond / ceiling.Load.PurchasesPerSecond;
}

/// <summary>
/// The HTTP benchmark of issue 5: closed-loop buyers over HTTP/1.1 keep-alive connections on loopback, each sending a
/// purchase of one ticket with a fresh Idempotency-Key and awaiting the 201, against the ceiling and the service.
/// </summary>
public static class HttpBenchmark
{
    public const string Ceiling = "ceiling (trivial Kestrel POST)";
    private const int MaxAttempts = 10;

    public static async Task<int> RunAsync(HttpOptions options, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var startedAt = DateTimeOffset.Now;
        var machine = BenchMachine.Description;
        var load = BenchMachine.LoadAverage();
        Console.WriteLine($"http benchmark: connections {string.Join(", ", options.Connections)}; service on {string.Join(", ", options.Stores)}; " +
            $"{options.Rounds} rounds of {options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s measured per row; {machine}; load average {load}");
        var folder = Directory.CreateTempSubdirectory("ticketactors-http-bench-").FullName;
        var rows = new List<HttpRow>();
        try
        {
            // Every server is up before the first row, and the rows of one connection count run back to back, so
            // the ceiling and the service see the same machine (and the client is warm for both).
            var targets = new List<(string Name, ServerProcess Server, bool CheckSold)>();
            try
            {
                targets.Add((Ceiling, await ServerProcess.StartCeilingAsync(folder), false));
                foreach (var store in options.Stores)
                {
                    var dataDir = Directory.CreateDirectory(Path.Combine(folder, store)).FullName;
                    targets.Add(($"service, {store} store", await ServerProcess.StartServiceAsync(store, dataDir), true));
                }
                // One unreported pass over every target first: the client, the servers and the JIT are warm before
                // the first measured row, which otherwise (always the ceiling's) comes out low.
                foreach (var (name, server, checkSold) in targets)
                {
                    await RunRowAsync(name, server.Address, options.Connections.Max(), 0, checkSold, options with { Duration = options.WarmUp }, cancellation);
                }
                // Rounds over every row, the ceiling and the service back to back within a round: the machine's drift
                // (other tenants of a shared host) moves both alike, and each ratio compares runs of the same minute.
                for (var round = 1; round <= options.Rounds; round++)
                {
                    foreach (var connections in options.Connections)
                    {
                        foreach (var (name, server, checkSold) in targets)
                        {
                            rows.Add(Show(await RunRowAsync(name, server.Address, connections, round, checkSold, options, cancellation)));
                        }
                    }
                }
            }
            finally
            {
                foreach (var (_, server, _) in targets)
                {
                    await server.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var command = "dotnet run -c Release --project bench/TicketActors.Benchmarks -- " + string.Join(' ', args);
        var markdown = ToMarkdown(rows, options, startedAt, machine, load, command);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutFolder);
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "http.md"), markdown, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "http.json"), ToJson(rows, options, startedAt, machine, load, command), CancellationToken.None);
        Console.WriteLine($"written: {Path.Combine(options.OutFolder, "http.md")}, {Path.Combine(options.OutFolder, "http.json")}");
        return rows.All(r => r.Correct != false) ? 0 : 1;
    }

    private static async Task<HttpRow> RunRowAsync(string target, Uri address, int connections, int round, bool checkSold, HttpOptions options, CancellationToken cancellation)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var run = Guid.NewGuid().ToString("N")[..8];
        var eventId = $"http-{connections}-{run}";
        if (checkSold)
        {
            await CreateHotEventAsync(http, eventId, cancellation);
        }
        var path = $"/events/{eventId}/purchases";
        var result = await LoadGenerator.RunAsync(connections, options.WarmUp, options.Duration, (buyer, number) =>
            PurchaseAsync(http, path, $"{run}-{buyer}-{number}", PurchaseBody(buyer), cancellation), cancellation);
        if (!checkSold)
        {
            return new HttpRow(target, connections, round, result, null, "nothing to check: the ceiling decides and stores nothing");
        }
        var sold = await SoldAsync(http, eventId, cancellation);
        var correct = result.TotalFailures == 0 ? sold == result.TotalSuccesses : sold >= result.TotalSuccesses;
        return new HttpRow(target, connections, round, result, correct, string.Create(CultureInfo.InvariantCulture,
            $"sold {sold:N0} {(correct ? "=" : "!=")} {result.TotalSuccesses:N0} 201 answers{(result.TotalFailures == 0 ? "" : " (or more: some requests failed)")}"));
    }

    /// <summary>Creates one event of <see cref="ActorPurchases.HotCapacity"/> general tickets, no per-buyer limit to speak of.</summary>
    internal static async Task CreateHotEventAsync(HttpClient http, string eventId, CancellationToken cancellation)
    {
        using var created = await http.SendAsync(Post("/events", JsonSerializer.Serialize(new
        {
            id = eventId,
            name = $"HTTP benchmark {eventId}",
            categories = new[] { new { name = ActorPurchases.Category, capacity = ActorPurchases.HotCapacity, price = 5000, currency = "EUR", limit = ActorPurchases.HotCapacity } },
        }), ("X-Api-Key", ServerProcess.AdminKey)), cancellation);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"the event was not created: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellation)}");
        }
    }

    /// <summary>The body of a buyer's purchase of one general ticket.</summary>
    internal static string PurchaseBody(int buyer) =>
        $"{{\"buyerId\":\"buyer-{buyer}\",\"category\":\"general\",\"quantity\":1}}";

    /// <summary>The tickets the service says it sold for the event.</summary>
    internal static async Task<long> SoldAsync(HttpClient http, string eventId, CancellationToken cancellation)
    {
        using var availability = await http.GetAsync(new Uri($"/events/{eventId}/availability", UriKind.Relative), cancellation);
        return JsonDocument.Parse(await availability.Content.ReadAsStringAsync(cancellation)).RootElement.GetProperty("sold").GetInt64();
    }

    /// <summary>One purchase; a 503 or a dropped connection is retried with the same key, honouring Retry-After (at most 1 s).</summary>
    private static async Task<PurchaseOutcome> PurchaseAsync(HttpClient http, string path, string key, string body, CancellationToken cancellation)
    {
        string failure = "no answer";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                using var response = await http.SendAsync(Post(path, body, ("Idempotency-Key", key)), cancellation);
                await response.Content.ReadAsByteArrayAsync(cancellation);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return PurchaseOutcome.Success(attempt);
                }
                failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return new PurchaseOutcome(failure, attempt);
                }
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100);
                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), cancellation);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                failure = e.GetType().Name;
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
            }
        }
        return new PurchaseOutcome(failure, MaxAttempts - 1);
    }

    internal static HttpRequestMessage Post(string path, string json, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        return request;
    }

    private static HttpRow Show(HttpRow row)
    {
        var failures = row.Load.TotalFailures > 0 ? $"; failed: {ActorPurchases.FormatFailures(row.Load.Failures)}" : "";
        failures += row.Load.Retries > 0 ? $"; {row.Load.Retries:N0} retries" : "";
        Console.WriteLine($"  round {row.Round}  {row.Target,-32} {row.Connections,5} connections: {row.Load.PurchasesPerSecond,9:N0} purchases/s, " +
            $"p50 {row.Load.P50Ms:0.00} ms, p99 {row.Load.P99Ms:0.00} ms; {row.Check}{failures}");
        return row;
    }

    private static string ToMarkdown(List<HttpRow> rows, HttpOptions options, DateTimeOffset startedAt, string machine, string? load, string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var summaries = HttpSummary.Of(rows);
        var md = new StringBuilder();
        md.AppendLine("# HTTP purchases on loopback");
        md.AppendLine();
        md.AppendLine(invariant, $"Run {startedAt:yyyy-MM-dd HH:mm zzz} on {machine}; load average at start {load ?? "n/a"}.");
        md.AppendLine();
        md.AppendLine(invariant, $"Command: `{command}`");
        md.AppendLine();
        md.AppendLine(string.Create(invariant, $"Each run: N closed-loop buyers, one keep-alive HTTP/1.1 connection each (N connections), each sending `POST /events/{{id}}/purchases` of 1 ticket with a fresh `Idempotency-Key` and awaiting the answer; ") +
            string.Create(invariant, $"{options.WarmUp.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s measured. Purchases/s counts the 201s that arrived in the measured window; p50/p99 are their latencies. ") +
            string.Create(invariant, $"{options.Rounds} rounds; in each round the ceiling and the service run back to back at each connection count. A row shows its median round (purchases/s, p50, p99), the spread of purchases/s over the rounds, and the median of the ratios service / ceiling of the same round (with their spread). ") +
            "Before the first round every target gets one unreported warm-up pass. Servers are separate processes on the same machine as the client (2 cores shared by client and server), each with its shipped runtime settings (server GC). Ceiling: a minimal Kestrel app that reads the same JSON body and answers 201 with a small order-shaped JSON body, deciding and storing nothing. " +
            "Service: `TicketActors.Api` as shipped (Release), request logging off (`Serilog:MinimumLevel:Default=Warning`), one event per run; on SQLite every 201 comes after the durable write (group commit).");
        md.AppendLine();
        md.AppendLine("| target | connections | purchases/s | spread | p50 ms | p99 ms | ratio to ceiling (spread) | correct |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in summaries)
        {
            var ratio = row.Ratio is { } r
                ? string.Create(invariant, $"{r:0.00}x ({row.RatioLow:0.00}-{row.RatioHigh:0.00})")
                : "1x (ceiling)";
            md.AppendLine(invariant, $"| {row.Target} | {row.Connections:N0} | {row.Median.Load.PurchasesPerSecond:N0} | {row.Slowest:N0}-{row.Fastest:N0} | " +
                $"{Ms(row.Median.Load.P50Ms)} | {Ms(row.Median.Load.P99Ms)} | {ratio} | {(row.Correct is null ? "n/a" : row.Correct.Value ? "yes" : "**NO**")} |");
        }
        md.AppendLine();
        md.AppendLine("Checks (over each whole run, warm-up included):");
        md.AppendLine();
        foreach (var row in rows.OrderBy(r => r.Connections).ThenBy(r => r.Round))
        {
            var failures = row.Load.TotalFailures > 0 ? $"; failed: {ActorPurchases.FormatFailures(row.Load.Failures)}" : "";
            failures += row.Load.Retries > 0 ? string.Create(invariant, $"; {row.Load.Retries:N0} retries with the same key") : "";
            md.AppendLine(invariant, $"- round {row.Round}, {row.Target}, {row.Connections:N0} connections: {row.Check}{failures}");
        }
        md.AppendLine();
        md.AppendLine("Goal of the issue: at least half the ceiling (the median ratio).");
        md.AppendLine();
        foreach (var row in summaries.Where(r => r.Target != Ceiling))
        {
            var verdict = row.Ratio is { } ratio
                ? string.Create(invariant, $"{ratio:0.00}x the ceiling: {(ratio >= 0.5 ? "met" : "NOT met")}")
                : "no ceiling measured";
            md.AppendLine(invariant, $"- {row.Target}, {row.Connections:N0} connections: {verdict}");
        }
        return md.ToString();
    }

    private static string ToJson(List<HttpRow> rows, HttpOptions options, DateTimeOffset startedAt, string machine, string? load, string command) =>
        JsonSerializer.Serialize(new
        {
            startedAt,
            command,
            machine,
            loadAverage = load,
            warmUpSeconds = options.WarmUp.TotalSeconds,
            measuredSeconds = options.Duration.TotalSeconds,
            rounds = options.Rounds,
            summary = HttpSummary.Of(rows).Select(r => new
            {
                target = r.Target,
                connections = r.Connections,
                medianPurchasesPerSecond = Math.Round(r.Median.Load.PurchasesPerSecond, 1),
                slowestPurchasesPerSecond = Math.Round(r.Slowest, 1),
                fastestPurchasesPerSecond = Math.Round(r.Fastest, 1),
                p50Ms = double.IsNaN(r.Median.Load.P50Ms) ? (double?)null : Math.Round(r.Median.Load.P50Ms, 3),
                p99Ms = double.IsNaN(r.Median.Load.P99Ms) ? (double?)null : Math.Round(r.Median.Load.P99Ms, 3),
                ratioToCeiling = r.Ratio is { } ratio ? Math.Round(ratio, 3) : (double?)null,
                ratioLow = r.RatioLow is { } low ? Math.Round(low, 3) : (double?)null,
                ratioHigh = r.RatioHigh is { } high ? Math.Round(high, 3) : (double?)null,
                correct = r.Correct,
            }),
            runs = rows.OrderBy(r => r.Connections).ThenBy(r => r.Round).Select(r => new
            {
                target = r.Target,
                connections = r.Connections,
                round = r.Round,
                purchasesPerSecond = Math.Round(r.Load.PurchasesPerSecond, 1),
                p50Ms = double.IsNaN(r.Load.P50Ms) ? (double?)null : Math.Round(r.Load.P50Ms, 3),
                p99Ms = double.IsNaN(r.Load.P99Ms) ? (double?)null : Math.Round(r.Load.P99Ms, 3),
                correct = r.Correct,
                check = r.Check,
                measuredPurchases = r.Load.MeasuredSuccesses,
                totalPurchases = r.Load.TotalSuccesses,
                failures = r.Load.Failures,
                retries = r.Load.Retries,
            }),
        }, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
