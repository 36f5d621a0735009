using System.Text.Json;
using System.Text.RegularExpressions;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary><c>ticketactors simulate --report-json</c>: small runs end to end, checked through the JSON report the program writes.</summary>
public sealed class SimulateReportJsonSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_sells_every_ticket_once_and_writes_the_camel_case_report_of_a_sold_out_run()
    {
        var path = _folder.File("report.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--users", "30", "--tickets", "10", "--seed", "42", "--quiet", "--report-json", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        Assert.True(File.Exists(path), $"no report at {path}\n{result}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var report = json.RootElement;
        Assert.StartsWith("flash-sale-", report.GetProperty("eventId").GetString(), StringComparison.Ordinal);
        Assert.Equal(42, report.GetProperty("seed").GetInt32());
        Assert.Equal(30, report.GetProperty("users").GetInt32());
        Assert.Equal(10, report.GetProperty("capacity").GetInt32());
        Assert.Equal(10, report.GetProperty("sold").GetInt32());
        Assert.Equal(0, report.GetProperty("held").GetInt32());
        Assert.Equal(0, report.GetProperty("available").GetInt32());
        Assert.Equal(10, report.GetProperty("orders").GetInt32());
        Assert.Equal(10, report.GetProperty("ticketsReceived").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["SoldOut"] = 20 }, Counts(report.GetProperty("rejected")));
        Assert.Equal(0, report.GetProperty("timedOut").GetInt32());
        Assert.Equal(0, report.GetProperty("retries").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicateTickets").GetInt32());
        Assert.True(report.GetProperty("invariantsHold").GetBoolean());
        Assert.Equal(0, report.GetProperty("violations").GetArrayLength());
        var elapsedMs = report.GetProperty("elapsedMs").GetInt64();
        Assert.True(elapsedMs >= 0, $"elapsedMs {elapsedMs}");
        var purchasesPerSecond = report.GetProperty("purchasesPerSecond").GetDouble();
        Assert.True(purchasesPerSecond > 0, $"purchasesPerSecond {purchasesPerSecond}");
        var latency = report.GetProperty("latencyMs");
        var (p50, p95, p99, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(),
            latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
        Assert.True(p50 >= 0 && p50 <= p95 && p95 <= p99 && p99 <= max, $"latency p50 {p50}, p95 {p95}, p99 {p99}, max {max}");
        var category = Assert.Single(report.GetProperty("categories").EnumerateArray());
        Assert.Equal(("general", 10, 10, 0, 0), Availability(category));

        // --quiet prints the outcome line only, and it agrees with the report.
        var line = Assert.Single(result.StdoutLines);
        Assert.Equal($"invariants OK: sold 10 of 10 tickets to 10 of 30 users in {elapsedMs} ms, 0 duplicates", line);
    }

    [Fact]
    public async Task Simulate_with_quantities_categories_and_a_limit_accounts_for_every_user_and_every_ticket_per_category()
    {
        // A relative path in a folder that does not exist yet: written under the working directory.
        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--quantity", "1-4", "--categories", "general:20,vip:5", "--limit", "4", "--users", "40", "--seed", "3",
             "--quiet", "--report-json", Path.Combine("reports", "categories.json")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        var path = Path.Combine(_folder.Path, "reports", "categories.json");
        Assert.True(File.Exists(path), $"no report at {path}\n{result}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var report = json.RootElement;
        Assert.Equal(3, report.GetProperty("seed").GetInt32());
        Assert.Equal(40, report.GetProperty("users").GetInt32());
        Assert.Equal(25, report.GetProperty("capacity").GetInt32());
        Assert.True(report.GetProperty("invariantsHold").GetBoolean(), result.ToString());
        Assert.Equal(0, report.GetProperty("violations").GetArrayLength());
        Assert.Equal(0, report.GetProperty("duplicateTickets").GetInt32());
        Assert.Equal(0, report.GetProperty("timedOut").GetInt32());

        var categories = report.GetProperty("categories").EnumerateArray().Select(Availability).ToList();
        Assert.Equal([("general", 20), ("vip", 5)], categories.Select(c => (c.Name, c.Capacity)));
        foreach (var (name, capacity, sold, held, available) in categories)
        {
            Assert.True(held == 0 && sold + available == capacity,
                $"category {name}: sold {sold} + held {held} + available {available}, capacity {capacity}");
        }
        var totalSold = report.GetProperty("sold").GetInt32();
        Assert.Equal(categories.Sum(c => c.Sold), totalSold);
        Assert.Equal(categories.Sum(c => c.Available), report.GetProperty("available").GetInt32());
        Assert.Equal(totalSold, report.GetProperty("ticketsReceived").GetInt32());

        // Every user got exactly one answer: an order (1-4 tickets) or a rejection the quantities and the limit allow.
        var orders = report.GetProperty("orders").GetInt32();
        var rejected = Counts(report.GetProperty("rejected"));
        Assert.Equal(40, rejected.Values.Sum() + orders);
        Assert.Empty(rejected.Keys.Except(["SoldOut", "InsufficientTickets"]));
        Assert.InRange(totalSold, orders, 4 * orders);
        Assert.Matches(new Regex($@"^invariants OK: sold {totalSold} of 25 tickets to {orders} of 40 users in \d+ ms, 0 duplicates$"),
            Assert.Single(result.StdoutLines));
    }

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetInt32());

    private static (string Name, int Capacity, int Sold, int Held, int Available) Availability(JsonElement category) =>
        (category.GetProperty("category").GetString()!, category.GetProperty("capacity").GetInt32(), category.GetProperty("sold").GetInt32(),
            category.GetProperty("held").GetInt32(), category.GetProperty("available").GetInt32());
}
