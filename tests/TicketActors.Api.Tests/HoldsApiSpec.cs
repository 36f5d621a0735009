using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TicketActors.Api.Holds;
using TicketActors.Api.Purchases;
using TicketActors.Api.Tests.Support;
using static TicketActors.Api.Tests.Support.TicketsClient;

namespace TicketActors.Api.Tests;

/// <summary>Holds over HTTP: place with an Idempotency-Key, confirm (twice), release, and expiry at the deadline.</summary>
public sealed class HoldsApiSpec(SharedApi service) : IClassFixture<SharedApi>
{
    private TicketsClient Tickets => service.Api.Tickets;

    [Fact]
    public async Task A_hold_answers_201_with_its_id_and_deadline_and_the_same_key_again_gets_the_same_body_while_another_body_gets_409()
    {
        await Tickets.CreatedEventAsync("ho-place", capacity: 10);
        var before = DateTimeOffset.UtcNow;

        var (hold, body) = await ExpectAsync<HoldResponse>(await Tickets.HoldAsync("ho-place", "hk-1", "alice", 2, 600), HttpStatusCode.Created);
        var (_, again) = await ExpectAsync<HoldResponse>(await Tickets.HoldAsync("ho-place", "hk-1", "alice", 2, 600), HttpStatusCode.Created);
        await ExpectProblemAsync(await Tickets.HoldAsync("ho-place", "hk-1", "alice", 3, 600), 409, "request-id-conflict");
        await ExpectProblemAsync(await Tickets.HoldAsync("ho-place", "hk-1", "alice", 2, 300), 409, "request-id-conflict");
        await ExpectProblemAsync(await Tickets.PurchaseAsync("ho-place", "hk-1", "alice", 2), 409, "request-id-conflict");

        Assert.Equal(body, again);
        Assert.Matches("^h-[A-Za-z0-9_-]{22}$", hold.HoldId);
        Assert.Equal(("ho-place", "general", 2), (hold.EventId, hold.Category, hold.Quantity));
        Assert.InRange(hold.ExpiresAt, before.AddSeconds(600), DateTimeOffset.UtcNow.AddSeconds(600));
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["holdId", "eventId", "category", "quantity", "expiresAt"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var availability = await Tickets.AvailabilityAsync("ho-place");
        Assert.Equal((0, 2, 8), (availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public async Task Confirm_answers_201_with_an_order_like_a_purchase_and_confirming_again_answers_the_same_body()
    {
        await Tickets.CreatedEventAsync("ho-confirm", capacity: 10);
        var (hold, _) = await ExpectAsync<HoldResponse>(await Tickets.HoldAsync("ho-confirm", "hk-1", "bob", 3, 600), HttpStatusCode.Created);

        var (order, body) = await ExpectAsync<OrderResponse>(await Tickets.ConfirmAsync("ho-confirm", hold.HoldId), HttpStatusCode.Created);
        var (_, again) = await ExpectAsync<OrderResponse>(await Tickets.ConfirmAsync("ho-confirm", hold.HoldId), HttpStatusCode.Created);

        Assert.Equal(body, again);
        Assert.Equal(("ho-confirm-1", "ho-confirm", 1, "hk-1", "bob", "general", 3), (order.OrderId, order.EventId, order.OrderNumber, order.IdempotencyKey, order.BuyerId, order.Category, order.Quantity));
        Assert.Equal([1, 2, 3], order.Tickets.Select(t => t.Serial));
        Assert.False(string.IsNullOrEmpty(order.OrderSecret));
        await ExpectAsync<JsonElement>(await Tickets.OrderAsync(order.OrderId, order.OrderSecret), HttpStatusCode.OK);
        await ExpectProblemAsync(await Tickets.ReleaseAsync("ho-confirm", hold.HoldId), 409, "hold-already-confirmed");
        var availability = await Tickets.AvailabilityAsync("ho-confirm");
        Assert.Equal((3, 0, 7), (availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public async Task Release_gives_the_tickets_back_and_the_released_hold_cannot_be_confirmed()
    {
        await Tickets.CreatedEventAsync("ho-release", capacity: 10);
        var (hold, _) = await ExpectAsync<HoldResponse>(await Tickets.HoldAsync("ho-release", "hk-1", "carol", 4, 600), HttpStatusCode.Created);

        var (_, body) = await ExpectAsync<ReleaseResponse>(await Tickets.ReleaseAsync("ho-release", hold.HoldId), HttpStatusCode.OK);
        var (_, again) = await ExpectAsync<ReleaseResponse>(await Tickets.ReleaseAsync("ho-release", hold.HoldId), HttpStatusCode.OK);

        Assert.Equal($$"""{"holdId":"{{hold.HoldId}}","remaining":10}""", body);
        Assert.Equal(body, again);
        await ExpectProblemAsync(await Tickets.ConfirmAsync("ho-release", hold.HoldId), 409, "hold-released");
        Assert.Equal((0, 0, 10), Stock(await Tickets.AvailabilityAsync("ho-release")));
    }

    [Fact]
    public async Task An_unknown_hold_is_404_hold_not_found_on_confirm_and_release()
    {
        await Tickets.CreatedEventAsync("ho-unknown", capacity: 10);

        await ExpectProblemAsync(await Tickets.ConfirmAsync("ho-unknown", "h-AAAAAAAAAAAAAAAAAAAAAA"), 404, "hold-not-found");
        await ExpectProblemAsync(await Tickets.ReleaseAsync("ho-unknown", "h-AAAAAAAAAAAAAAAAAAAAAA"), 404, "hold-not-found");
        await ExpectProblemAsync(await Tickets.ConfirmAsync("no-such-event", "h-AAAAAAAAAAAAAAAAAAAAAA"), 404, "unknown-event");
    }

    [Fact]
    public async Task A_hold_expires_at_its_deadline_its_tickets_go_back_on_sale_and_a_late_confirm_is_409_hold_expired()
    {
        await Tickets.CreatedEventAsync("ho-expiry", capacity: 10);
        var (hold, _) = await ExpectAsync<HoldResponse>(await Tickets.HoldAsync("ho-expiry", "hk-1", "dave", 2, 1), HttpStatusCode.Created);
        Assert.Equal(2, (await Tickets.AvailabilityAsync("ho-expiry")).Held);

        var deadline = Stopwatch.StartNew();
        while ((await Tickets.AvailabilityAsync("ho-expiry")).Held != 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the hold of 1 s was still held after 15 s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        await ExpectProblemAsync(await Tickets.ConfirmAsync("ho-expiry", hold.HoldId), 409, "hold-expired");
        Assert.Equal((0, 0, 10), Stock(await Tickets.AvailabilityAsync("ho-expiry")));
        var (_, released) = await ExpectAsync<ReleaseResponse>(await Tickets.ReleaseAsync("ho-expiry", hold.HoldId), HttpStatusCode.OK);
        Assert.Contains("\"remaining\":10", released, StringComparison.Ordinal);
    }

    private static (int Sold, int Held, int Available) Stock(LiveAvailability.AvailabilityResponse availability) =>
        (availability.Sold, availability.Held, availability.Available);
}
