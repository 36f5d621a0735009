using System.Text.Json;
using System.Text.RegularExpressions;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>
/// <c>ticketactors load</c> against the real service process on a loopback port with a temp SQLite data folder:
/// the run, the check against the service, the report, and a later run and a check-only run on the same event.
/// </summary>
public sealed class LoadSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_sells_out_exactly_reports_it_and_a_later_run_and_a_check_only_run_on_the_same_event_still_check_out()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        var report = _folder.File("load.json");
        var orders = _folder.File("orders.jsonl");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "sell-out", "--admin-key", ServiceProcess.AdminKey, "--tickets", "50",
             "--buyers", "150", "--requests", "150", "--concurrency", "16", "--quantity", "2", "--seed", "5",
             "--quiet", "--report-json", report, "--orders", orders]);

        Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            var run = json.RootElement;
            Assert.Equal("sell-out", run.GetProperty("eventId").GetString());
            Assert.Equal("purchase", run.GetProperty("mode").GetString());
            Assert.Equal(5, run.GetProperty("seed").GetInt32());
            Assert.Equal((150, 150, 16), (run.GetProperty("buyers").GetInt32(), run.GetProperty("requests").GetInt32(), run.GetProperty("concurrency").GetInt32()));
            Assert.Equal((50, 0, 50, 0, 0), (run.GetProperty("capacity").GetInt32(), run.GetProperty("soldBefore").GetInt32(),
                run.GetProperty("soldAfter").GetInt32(), run.GetProperty("held").GetInt32(), run.GetProperty("available").GetInt32()));
            Assert.Equal(25, run.GetProperty("purchases").GetInt32());
            Assert.Equal(50, run.GetProperty("ticketsPurchased").GetInt64());
            Assert.Equal(new Dictionary<string, int> { ["sold-out"] = 125 }, Counts(run.GetProperty("rejected")));
            Assert.Equal(0, run.GetProperty("unresolved").GetInt32());
            Assert.Equal(0, run.GetProperty("duplicateTickets").GetInt32());
            Assert.True(run.GetProperty("correct").GetBoolean());
            Assert.Equal(0, run.GetProperty("violations").GetArrayLength());
            Assert.Matches("^[0-9a-f]{8}$", run.GetProperty("runId").GetString());
            Assert.True(run.GetProperty("requestsPerSecond").GetDouble() > 0);
            Assert.True(run.GetProperty("purchasesPerSecond").GetDouble() > 0);
            var latency = run.GetProperty("latencyMs");
            var (p50, p95, p99, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(),
                latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
            Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max, $"latency p50 {p50}, p95 {p95}, p99 {p99}, max {max}");
            Assert.Matches(new Regex(@"^check OK: 25 purchases of 50 tickets from 150 requests, sold 50 of 50 general \(before 0\), 0 unresolved, 0 duplicates, \d+ requests/s, p99 [0-9.]+ ms$"),
                Assert.Single(result.StdoutLines));
        }
        Assert.Equal(25, (await File.ReadAllLinesAsync(orders)).Length);
        Assert.Equal((50, 50, 0, 0), await service.AvailabilityAsync("sell-out"));

        // A second run on the same event (no --admin-key: it exists) counts only its own sales: none.
        var again = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "sell-out", "--requests", "20", "--concurrency", "4", "--quiet", "--report-json", report]);
        Assert.True(again.ExitCode == 0, again.ToString());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            Assert.Equal((50, 50, 0), (json.RootElement.GetProperty("soldBefore").GetInt32(), json.RootElement.GetProperty("soldAfter").GetInt32(),
                json.RootElement.GetProperty("purchases").GetInt32()));
            // The buyer ids are the first run's again, so some of them are refused for their limit before the stock is looked at.
            var rejected = Counts(json.RootElement.GetProperty("rejected"));
            Assert.Equal(20, rejected.Values.Sum());
            Assert.Empty(rejected.Keys.Except(["sold-out", "limit-exceeded"]));
        }

        // --check-only re-sends the 25 acknowledged orders: the same tickets come back and nothing new is sold.
        var check = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "sell-out", "--check-only", "--orders", orders, "--quiet"]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("check OK: 25 purchases of 50 tickets from 25 requests, sold 50 of 50 general (before 50)", Assert.Single(check.StdoutLines), StringComparison.Ordinal);
        Assert.Equal((50, 50, 0, 0), await service.AvailabilityAsync("sell-out"));
    }

    [Fact]
    public async Task Load_with_ranges_of_quantities_and_a_per_buyer_limit_accounts_for_every_request_and_prints_the_summary_table()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "ranges", "--admin-key", ServiceProcess.AdminKey, "--tickets", "120", "--limit", "3",
             "--buyers", "40", "--requests", "200", "--concurrency", "32", "--quantity", "1-3", "--report-json", report]);

        Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
        Assert.Contains("Load run summary", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, line => Regex.IsMatch(line, @"Correct\s+│\s+OK"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var run = json.RootElement;
        var rejected = Counts(run.GetProperty("rejected"));
        Assert.Equal(200, run.GetProperty("purchases").GetInt32() + rejected.Values.Sum());
        Assert.Empty(rejected.Keys.Except(["sold-out", "insufficient-tickets", "limit-exceeded"]));
        Assert.True(rejected.ContainsKey("limit-exceeded"), $"40 buyers of at most 3 tickets each: 5 requests each must hit the limit\n{result}");
        var sold = run.GetProperty("soldAfter").GetInt32();
        Assert.Equal(sold, run.GetProperty("ticketsPurchased").GetInt64());
        Assert.InRange(sold, 1, 120);
        Assert.Equal(sold, (await service.AvailabilityAsync("ranges")).Sold);
    }

    [Fact]
    public async Task Load_exits_with_1_and_says_so_when_the_event_does_not_exist_or_the_service_does_not_answer()
    {
        await using (var service = await ServiceProcess.StartAsync(_folder.Path))
        {
            var missing = await CliProcess.RunAsync(_folder.Path, ["load", "--url", service.Url, "--event", "nowhere", "--quiet"]);
            Assert.True(missing.ExitCode == 1, missing.ToString());
            Assert.Contains("has no event nowhere", missing.Stderr, StringComparison.Ordinal);
        }

        await using (var service = await ServiceProcess.StartAsync(_folder.Path))
        {
            await service.CreateEventAsync("gala", ("general", 10, 2));
            var other = await CliProcess.RunAsync(_folder.Path,
                ["load", "--url", service.Url, "--event", "gala", "--admin-key", ServiceProcess.AdminKey, "--tickets", "12", "--limit", "2", "--quiet"]);
            Assert.True(other.ExitCode == 1, other.ToString());
            // The service's own account of what differs, not only what was asked.
            var expected = "error: event gala exists with another definition (event 'gala' already exists with another definition: " +
                "name 'Event gala', not 'Load gala'; category 'general' has capacity 10, limit 2, price 2500 EUR; asked for capacity 12, limit 2, price 2500 EUR): " +
                "use another --event, or leave out --admin-key to load the existing one";
            Assert.True(other.Stderr.Contains(expected, StringComparison.Ordinal), other.ToString());
        }

        var closed = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", $"http://127.0.0.1:{ServiceProcess.FreePort()}", "--event", "e1", "--attempts", "2", "--quiet"]);
        Assert.True(closed.ExitCode == 1, closed.ToString());
        Assert.Contains("could not be read", closed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_with_hold_confirm_holds_then_confirms_sells_out_exactly_and_reads_every_order_back()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "holds", "--admin-key", ServiceProcess.AdminKey, "--tickets", "20",
             "--requests", "40", "--concurrency", "8", "--hold-confirm", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
        Assert.StartsWith("check OK: 20 purchases of 20 tickets from 40 requests, sold 20 of 20 general (before 0)", Assert.Single(result.StdoutLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal("hold-confirm", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(20, json.RootElement.GetProperty("ordersChecked").GetInt32());
        var holds = json.RootElement.GetProperty("holds");
        Assert.Equal((20, 20, 0), (holds.GetProperty("placed").GetInt32(), holds.GetProperty("confirmed").GetInt32(), holds.GetProperty("released").GetInt32()));
        Assert.Equal(new Dictionary<string, int> { ["sold-out"] = 20 }, Counts(json.RootElement.GetProperty("rejected")));
        Assert.Equal((20, 20, 0, 0), await service.AvailabilityAsync("holds"));
    }

    [Fact]
    public async Task Load_on_the_vip_category_sells_out_exactly_its_tickets_checks_them_alone_and_sells_no_general_ticket()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        await service.CreateEventAsync("two-rooms", ("general", 30, 4), ("vip", 10, 2));
        // Sold before the run in the other category: the run's figures and its check are the vip category's alone.
        await service.PurchaseAsync("two-rooms", "early-bird", "general", 3);
        var report = _folder.File("load.json");
        var orders = _folder.File("orders.jsonl");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "two-rooms", "--category", "vip", "--buyers", "20", "--requests", "20",
             "--concurrency", "8", "--seed", "3", "--quiet", "--report-json", report, "--orders", orders]);

        Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
        Assert.StartsWith("check OK: 10 purchases of 10 tickets from 20 requests, sold 10 of 10 vip (before 0), 0 unresolved, 0 duplicates",
            Assert.Single(result.StdoutLines), StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            var run = json.RootElement;
            Assert.Equal(("two-rooms", "vip", "purchase"), (run.GetProperty("eventId").GetString(), run.GetProperty("category").GetString(), run.GetProperty("mode").GetString()));
            Assert.Equal((10, 0, 10, 0, 0), (run.GetProperty("capacity").GetInt32(), run.GetProperty("soldBefore").GetInt32(),
                run.GetProperty("soldAfter").GetInt32(), run.GetProperty("held").GetInt32(), run.GetProperty("available").GetInt32()));
            Assert.Equal((10, 10L, 10), (run.GetProperty("purchases").GetInt32(), run.GetProperty("ticketsPurchased").GetInt64(), run.GetProperty("ordersChecked").GetInt32()));
            Assert.Equal(new Dictionary<string, int> { ["sold-out"] = 10 }, Counts(run.GetProperty("rejected")));
            Assert.True(run.GetProperty("correct").GetBoolean());
            Assert.Equal(0, run.GetProperty("violations").GetArrayLength());
        }
        var acknowledged = (await File.ReadAllLinesAsync(orders)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(10, acknowledged.Count);
        Assert.All(acknowledged, order => Assert.Equal(("vip", "vip"),
            (order.GetProperty("request").GetProperty("category").GetString(), order.GetProperty("order").GetProperty("category").GetString())));
        Assert.Equal(new Dictionary<string, (int, int, int, int)> { ["general"] = (30, 3, 0, 27), ["vip"] = (10, 10, 0, 0) }, await service.CategoriesAsync("two-rooms"));

        // --check-only on the same category: the same tickets come back and nothing new is sold.
        var check = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "two-rooms", "--category", "vip", "--check-only", "--orders", orders, "--quiet"]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("check OK: 10 purchases of 10 tickets from 10 requests, sold 10 of 10 vip (before 10)", Assert.Single(check.StdoutLines), StringComparison.Ordinal);

        // Without --category the orders are of another category than the run's: refused before anything is sent.
        File.Delete(report);
        var wrong = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "two-rooms", "--check-only", "--orders", orders, "--quiet", "--report-json", report]);
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Equal($"error: --orders '{orders}' holds orders of category vip, not general: give the run's --category", wrong.Stderr.Trim());
        Assert.False(File.Exists(report), wrong.ToString());
        // Of another event: its keys would be new purchases on this one; refused, nothing sold.
        await service.CreateEventAsync("gala", ("vip", 10, 2));
        var otherEvent = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "gala", "--category", "vip", "--check-only", "--orders", orders, "--quiet"]);
        Assert.True(otherEvent.ExitCode == 2, otherEvent.ToString());
        Assert.Equal($"error: --orders '{orders}' holds orders of event two-rooms, not gala: give the run's --event", otherEvent.Stderr.Trim());
        Assert.Equal(new Dictionary<string, (int, int, int, int)> { ["vip"] = (10, 0, 0, 10) }, await service.CategoriesAsync("gala"));
        Assert.Equal(new Dictionary<string, (int, int, int, int)> { ["general"] = (30, 3, 0, 27), ["vip"] = (10, 10, 0, 0) }, await service.CategoriesAsync("two-rooms"));
    }

    [Fact]
    public async Task Load_with_hold_confirm_and_a_hold_ttl_creates_the_event_with_its_category_and_sells_it_out_exactly()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "vip-holds", "--admin-key", ServiceProcess.AdminKey, "--category", "vip", "--tickets", "20",
             "--requests", "40", "--concurrency", "8", "--hold-confirm", "--hold-ttl", "30", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
        Assert.StartsWith("check OK: 20 purchases of 20 tickets from 40 requests, sold 20 of 20 vip (before 0)", Assert.Single(result.StdoutLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(("vip", "hold-confirm"), (json.RootElement.GetProperty("category").GetString(), json.RootElement.GetProperty("mode").GetString()));
        var holds = json.RootElement.GetProperty("holds");
        Assert.Equal((30, 20, 20, 0), (holds.GetProperty("ttlSeconds").GetInt32(), holds.GetProperty("placed").GetInt32(),
            holds.GetProperty("confirmed").GetInt32(), holds.GetProperty("released").GetInt32()));
        Assert.Equal(new Dictionary<string, int> { ["sold-out"] = 20 }, Counts(json.RootElement.GetProperty("rejected")));
        Assert.Equal(new Dictionary<string, (int, int, int, int)> { ["vip"] = (20, 20, 0, 0) }, await service.CategoriesAsync("vip-holds"));
    }

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetInt32());
}
