using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TicketActors.Api.Orders;
using TicketActors.Api.Tests.Support;
using static TicketActors.Api.Tests.Support.TicketsClient;

namespace TicketActors.Api.Tests;

/// <summary>Orders behind their secret: the order id and secret of a purchase, reading an order, cancelling it.</summary>
public sealed class OrdersApiSpec(SharedApi service) : IClassFixture<SharedApi>
{
    private TicketsClient Tickets => service.Api.Tickets;

    [Fact]
    public async Task A_purchase_answers_its_order_id_and_the_hmac_of_it_under_the_key_kept_in_the_data_folder()
    {
        await Tickets.CreatedEventAsync("or-secret", capacity: 10);

        var (order, _) = await Tickets.PurchasedAsync("or-secret", "k-1", "alice", 2);

        Assert.Equal(("or-secret-1", 1), (order.OrderId, order.OrderNumber));
        var key = Convert.FromBase64String(await File.ReadAllTextAsync(Path.Combine(service.DataDir, OrderSecrets.KeyFileName)));
        Assert.True(key.Length >= 32);
        Assert.Equal(Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("or-secret-1"))), order.OrderSecret);
    }

    [Fact]
    public async Task The_order_reads_with_its_secret_and_each_ticket_valid_cancelled_or_checked_in()
    {
        await Tickets.CreatedEventAsync("or-read", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("or-read", "k-1", "alice", 3);
        await ExpectAsync<CancelResponse>(await Tickets.CancelAsync(order.OrderId, order.OrderSecret, new { serials = new[] { 2 } }), HttpStatusCode.OK);
        await ExpectAsync<JsonElement>(await Tickets.CheckInAsync("or-read", order.Tickets[2].Code), HttpStatusCode.OK);

        var (read, body) = await ExpectAsync<OrderDetailsResponse>(await Tickets.OrderAsync(order.OrderId, order.OrderSecret), HttpStatusCode.OK);

        Assert.Equal(("or-read-1", "or-read", 1, "alice", "general", order.IssuedAt), (read.OrderId, read.EventId, read.OrderNumber, read.BuyerId, read.Category, read.IssuedAt));
        Assert.Equal([(1, order.Tickets[0].Code, "valid"), (2, order.Tickets[1].Code, "cancelled"), (3, order.Tickets[2].Code, "checked-in")],
            read.Tickets.Select(t => (t.Serial, t.Code, t.Status)));
        Assert.NotNull(read.Tickets[2].CheckedInAt);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["orderId", "eventId", "orderNumber", "buyerId", "category", "issuedAt", "tickets"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task No_secret_is_401_and_a_wrong_secret_is_the_same_404_as_an_order_that_does_not_exist()
    {
        await Tickets.CreatedEventAsync("or-auth", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("or-auth", "k-1", "alice", 1);
        var (other, _) = await Tickets.PurchasedAsync("or-auth", "k-2", "bob", 1);

        await ExpectProblemAsync(await Tickets.OrderAsync(order.OrderId, null), 401, "missing-order-secret");
        await ExpectProblemAsync(await Tickets.CancelAsync(order.OrderId, null), 401, "missing-order-secret");
        var wrong = await ExpectProblemAsync(await Tickets.OrderAsync(order.OrderId, other.OrderSecret), 404, "unknown-order");
        var unknown = await ExpectProblemAsync(await Tickets.OrderAsync("or-auth-99", order.OrderSecret), 404, "unknown-order");
        var noEvent = await ExpectProblemAsync(await Tickets.OrderAsync("no-such-event-1", order.OrderSecret), 404, "unknown-order");
        await ExpectProblemAsync(await Tickets.CancelAsync(order.OrderId, other.OrderSecret), 404, "unknown-order");

        Assert.Equal(Visible(wrong), Visible(unknown));
        Assert.Equal(Visible(wrong), Visible(noEvent));
        Assert.Equal(2, (await Tickets.AvailabilityAsync("or-auth")).Sold);
    }

    [Fact]
    public async Task Cancel_returns_the_tickets_to_sale_and_a_second_cancel_is_409_already_cancelled()
    {
        await Tickets.CreatedEventAsync("or-cancel", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("or-cancel", "k-1", "alice", 3);

        var (first, body) = await ExpectAsync<CancelResponse>(await Tickets.CancelAsync(order.OrderId, order.OrderSecret, new { serials = new[] { 3 } }), HttpStatusCode.OK);
        var (rest, _) = await ExpectAsync<CancelResponse>(await Tickets.CancelAsync(order.OrderId, order.OrderSecret), HttpStatusCode.OK);
        await ExpectProblemAsync(await Tickets.CancelAsync(order.OrderId, order.OrderSecret), 409, "already-cancelled");
        await ExpectProblemAsync(await Tickets.CancelAsync(order.OrderId, order.OrderSecret, new { serials = new[] { 1 } }), 409, "already-cancelled");

        Assert.Equal("""{"orderId":"or-cancel-1","cancelledSerials":[3],"remaining":8}""", body);
        Assert.Equal(("or-cancel-1", 10), (rest.OrderId, rest.Remaining));
        Assert.Equal([1, 2], rest.CancelledSerials);
        var availability = await Tickets.AvailabilityAsync("or-cancel");
        Assert.Equal((0, 10), (availability.Sold, availability.Available));
        var (next, _) = await Tickets.PurchasedAsync("or-cancel", "k-2", "alice", 1);
        Assert.Equal(4, next.Tickets[0].Serial);
    }

    [Fact]
    public async Task A_checked_in_ticket_cannot_be_cancelled()
    {
        await Tickets.CreatedEventAsync("or-used", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("or-used", "k-1", "alice", 1);
        await ExpectAsync<JsonElement>(await Tickets.CheckInAsync("or-used", order.Tickets[0].Code), HttpStatusCode.OK);

        var problem = await ExpectProblemAsync(await Tickets.CancelAsync(order.OrderId, order.OrderSecret), 409, "already-checked-in");

        Assert.True(problem.Body.TryGetProperty("checkedInAt", out _));
        Assert.Equal(1, (await Tickets.AvailabilityAsync("or-used")).Sold);
    }

    /// <summary>What a prober sees of a problem: everything but the trace id.</summary>
    private static string Visible(Problem problem) =>
        string.Join("|", problem.Body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
}

/// <summary>A configured OrderSecretKey is the key: every node with it hands out the same secrets.</summary>
public sealed class ConfiguredOrderSecretKeySpec
{
    [Fact]
    public async Task The_secret_is_the_hmac_under_the_configured_key_and_no_key_file_is_written()
    {
        using var folder = new TempFolder();
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        await using var api = await ApiHost.StartAsync(folder.Path, new Dictionary<string, string?>
        {
            ["TicketActors:OrderSecretKey"] = Convert.ToBase64String(key),
            ["TicketActors:Store"] = "memory",
        });
        await api.Tickets.CreatedEventAsync("keyed", capacity: 5);

        var (order, _) = await api.Tickets.PurchasedAsync("keyed", "k-1", "alice", 1);

        Assert.Equal(Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("keyed-1"))), order.OrderSecret);
        Assert.False(File.Exists(Path.Combine(folder.Path, OrderSecrets.KeyFileName)));
    }
}

/// <summary>The memory store keeps its key in memory: its orders end with the process, and it writes no file.</summary>
public sealed class MemoryStoreOrderSecretKeySpec
{
    [Fact]
    public async Task Secrets_work_and_no_key_file_is_written_in_the_data_folder()
    {
        using var folder = new TempFolder();
        await using var api = await ApiHost.StartAsync(folder.Path, new Dictionary<string, string?> { ["TicketActors:Store"] = "memory" });
        await api.Tickets.CreatedEventAsync("unkeyed", capacity: 5);

        var (order, _) = await api.Tickets.PurchasedAsync("unkeyed", "u-1", "alice", 1);

        var read = await api.Tickets.OrderAsync(order.OrderId, order.OrderSecret);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, OrderSecrets.KeyFileName)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}

/// <summary>Without a configured key the key file in the data folder is the key, so secrets survive a restart.</summary>
public sealed class OrderSecretKeyFileSpec
{
    [Fact]
    public async Task A_secret_handed_out_before_a_restart_still_reads_and_cancels_the_order_after_it()
    {
        using var folder = new TempFolder();
        var api = await ApiHost.StartAsync(folder.Path);
        OrderResponseSecret order;
        try
        {
            await api.Tickets.CreatedEventAsync("restarted", capacity: 5);
            var (purchased, _) = await api.Tickets.PurchasedAsync("restarted", "k-1", "alice", 2);
            order = new(purchased.OrderId, purchased.OrderSecret);
        }
        finally
        {
            await api.DisposeAsync();
        }

        await using var restarted = await ApiHost.StartAsync(folder.Path);

        var (read, _) = await ExpectAsync<OrderDetailsResponse>(await restarted.Tickets.OrderAsync(order.OrderId, order.Secret), HttpStatusCode.OK);
        Assert.Equal(["valid", "valid"], read.Tickets.Select(t => t.Status));
        await ExpectAsync<CancelResponse>(await restarted.Tickets.CancelAsync(order.OrderId, order.Secret), HttpStatusCode.OK);
        Assert.Equal(0, (await restarted.Tickets.AvailabilityAsync("restarted")).Sold);
    }

    private sealed record OrderResponseSecret(string OrderId, string Secret);
}
