using System.Collections.Concurrent;
using System.Text.Json;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>
/// The load generator's check catches a service that sells wrongly (exit 1, the violations named), retries a 503
/// with the same Idempotency-Key, reads orders back with their secrets, says when a service has no hold routes,
/// checks one category's sales while another sells, and sends its hold ttl.
/// Against a fake service: the real one does not sell wrongly, and has the hold routes.
/// </summary>
public sealed class LoadCheckSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_exits_with_1_when_the_service_issues_a_serial_twice_and_its_sold_count_disagrees_with_the_purchases()
    {
        var orders = 0;
        using var liar = new FakeService((request, body) => request.Url!.AbsolutePath switch
        {
            "/events/liar/availability" => (200, FakeService.Availability("liar", 10, 0), null),
            "/events/liar/purchases" => (201, Order("liar", Interlocked.Increment(ref orders), request.Headers["Idempotency-Key"]!, body, serial: 1), null),
            _ => (404, """{"code":"not-found"}""", null),
        });
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", liar.Url, "--event", "liar", "--requests", "3", "--concurrency", "1", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("check FAILED: 3 purchases of 3 tickets from 3 requests, sold 0 of 10 general (before 0), 0 unresolved, 2 duplicates", Assert.Single(result.StdoutLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var violations = json.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.False(json.RootElement.GetProperty("correct").GetBoolean());
        Assert.Contains(violations, v => v.StartsWith("ticket serial 1 ", StringComparison.Ordinal) && v.Contains("was issued to", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("the service sold 0 tickets during the run", StringComparison.Ordinal) && v.Contains("told of 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_retries_a_503_with_the_same_key_after_retry_after_and_reads_every_order_back_with_its_secret()
    {
        var sold = 0;
        var refused = new ConcurrentDictionary<string, bool>();
        var issued = new ConcurrentDictionary<string, string>();
        using var service = new FakeService((request, body) =>
        {
            var path = request.Url!.AbsolutePath;
            if (path == "/events/fair/availability")
            {
                return (200, FakeService.Availability("fair", 10, Volatile.Read(ref sold)), null);
            }
            if (path == "/events/fair/purchases")
            {
                var key = request.Headers["Idempotency-Key"]!;
                if (refused.TryAdd(key, true))
                {
                    return (503, """{"status":503,"code":"overloaded"}""", "0");
                }
                var number = Interlocked.Increment(ref sold);
                return (201, issued[$"o-{number}"] = Order("fair", number, key, body, serial: number), null);
            }
            if (path.StartsWith("/orders/", StringComparison.Ordinal) && issued.TryGetValue(path["/orders/".Length..], out var order) &&
                request.Headers["X-Order-Secret"] == $"secret-{path["/orders/o-".Length..]}")
            {
                return (200, order, null);
            }
            return (404, """{"code":"unknown-order"}""", null);
        });
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "fair", "--requests", "5", "--concurrency", "2", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(5, json.RootElement.GetProperty("retries").GetInt64());
        Assert.Equal(5, json.RootElement.GetProperty("ordersChecked").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("purchases").GetInt32());
        // Each key twice in a row: refused, then the same key again.
        Assert.All(service.Keys.GroupBy(k => k), g => Assert.Equal(2, g.Count()));
        Assert.Equal(5, service.Keys.Distinct().Count());
    }

    [Fact]
    public async Task Load_with_hold_confirm_against_a_service_without_hold_routes_exits_with_1_and_says_so()
    {
        using var older = new FakeService((request, _) => request.Url!.AbsolutePath switch
        {
            "/events/e1/availability" => (200, FakeService.Availability("e1", 10, 0), null),
            _ => (404, """{"status":404,"code":"not-found"}""", null),
        });

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", older.Url, "--event", "e1", "--requests", "5", "--hold-confirm", "--quiet"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"error: the server at {older.Url}/ has no hold routes: POST /events/e1/holds (or its confirm) answered 404 not-found", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run without --hold-confirm against this server.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_on_one_category_compares_that_categorys_sold_count_alone_while_another_category_sells_meanwhile()
    {
        var vipSold = 0;
        var availabilityReads = 0;
        var issued = new ConcurrentDictionary<string, string>();
        using var service = new FakeService((request, body) =>
        {
            var path = request.Url!.AbsolutePath;
            if (path == "/events/gala/availability")
            {
                // Someone else buys 7 general tickets between the run's first and last look at the stock.
                var general = Interlocked.Increment(ref availabilityReads) == 1 ? 0 : 7;
                return (200, FakeService.Availability("gala", ("general", 50, general), ("vip", 5, Volatile.Read(ref vipSold))), null);
            }
            if (path == "/events/gala/purchases")
            {
                var number = Interlocked.Increment(ref vipSold);
                return (201, issued[$"o-{number}"] = Order("gala", number, request.Headers["Idempotency-Key"]!, body, serial: number), null);
            }
            return path.StartsWith("/orders/", StringComparison.Ordinal) && issued.TryGetValue(path["/orders/".Length..], out var order)
                ? (200, order, null)
                : (404, """{"code":"not-found"}""", null);
        });
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "gala", "--category", "vip", "--requests", "3", "--concurrency", "1", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("check OK: 3 purchases of 3 tickets from 3 requests, sold 3 of 5 vip (before 0), 0 unresolved, 0 duplicates", Assert.Single(result.StdoutLines), StringComparison.Ordinal);
        Assert.Equal(2, availabilityReads);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(3, json.RootElement.GetProperty("ordersChecked").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public async Task Load_with_hold_confirm_asks_every_hold_of_its_category_for_the_hold_ttl()
    {
        var confirmed = 0;
        var holds = new ConcurrentDictionary<string, string>();
        var issued = new ConcurrentDictionary<string, string>();
        using var service = new FakeService((request, body) =>
        {
            var path = request.Url!.AbsolutePath;
            if (path == "/events/gala/availability")
            {
                return (200, FakeService.Availability("gala", ("general", 50, 0), ("vip", 5, Volatile.Read(ref confirmed))), null);
            }
            if (path == "/events/gala/holds")
            {
                var hold = JsonDocument.Parse(body).RootElement;
                var holdId = $"h-{request.Headers["Idempotency-Key"]}";
                holds[holdId] = body;
                return (201, FakeService.Json(new { holdId, eventId = "gala", category = hold.GetProperty("category").GetString(),
                    quantity = hold.GetProperty("quantity").GetInt32(), expiresAt = DateTimeOffset.UnixEpoch }), null);
            }
            if (path.StartsWith("/events/gala/holds/", StringComparison.Ordinal) && path.EndsWith("/confirm", StringComparison.Ordinal) &&
                holds.TryGetValue(path["/events/gala/holds/".Length..^"/confirm".Length], out var held))
            {
                var number = Interlocked.Increment(ref confirmed);
                return (201, issued[$"o-{number}"] = Order("gala", number, request.Headers["Idempotency-Key"]!, held, serial: number), null);
            }
            return path.StartsWith("/orders/", StringComparison.Ordinal) && issued.TryGetValue(path["/orders/".Length..], out var order)
                ? (200, order, null)
                : (404, """{"code":"not-found"}""", null);
        });
        var report = _folder.File("load.json");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "gala", "--category", "vip", "--hold-confirm", "--hold-ttl", "7",
             "--requests", "3", "--concurrency", "1", "--quiet", "--report-json", report]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, holds.Count);
        Assert.All(holds.Values, body =>
        {
            var hold = JsonDocument.Parse(body).RootElement;
            Assert.Equal(("vip", 7), (hold.GetProperty("category").GetString(), hold.GetProperty("ttlSeconds").GetInt32()));
        });
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var placed = json.RootElement.GetProperty("holds");
        Assert.Equal((7, 3, 3, 0), (placed.GetProperty("ttlSeconds").GetInt32(), placed.GetProperty("placed").GetInt32(),
            placed.GetProperty("confirmed").GetInt32(), placed.GetProperty("released").GetInt32()));
    }

    /// <summary>An order-shaped 201 body for the purchase in <paramref name="body"/>, with one ticket of <paramref name="serial"/>.</summary>
    private static string Order(string eventId, int number, string key, string body, int serial)
    {
        var purchase = JsonDocument.Parse(body).RootElement;
        return FakeService.Json(new
        {
            eventId,
            orderNumber = number,
            idempotencyKey = key,
            buyerId = purchase.GetProperty("buyerId").GetString(),
            category = purchase.GetProperty("category").GetString(),
            quantity = purchase.GetProperty("quantity").GetInt32(),
            issuedAt = DateTimeOffset.UnixEpoch,
            tickets = new[] { new { serial, code = $"code-{serial}" } },
            orderId = $"o-{number}",
            orderSecret = $"secret-{number}",
        });
    }
}
