using System.Net;
using System.Net.Http.Json;
using TicketActors.Api.Events;
using TicketActors.Api.LiveAvailability;
using TicketActors.Api.Tests.Support;
using static TicketActors.Api.Tests.Support.TicketsClient;

namespace TicketActors.Api.Tests;

/// <summary>The organiser's routes beyond creating: the sales window, closing sales early, changing a capacity.</summary>
public sealed class OrganiserApiSpec(SharedApi service) : IClassFixture<SharedApi>
{
    private static readonly (string, string)[] OrganiserKey = [("X-Api-Key", ApiHost.AdminKey)];

    private TicketsClient Tickets => service.Api.Tickets;

    [Fact]
    public async Task An_event_with_a_sales_window_shows_it_and_refuses_purchases_and_holds_before_it_opens()
    {
        var opens = new DateTimeOffset(2099, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var closes = opens.AddDays(1);
        using var created = await Tickets.CreateEventAsync(new { id = "og-window", name = "Later", categories = new[] { Category(capacity: 10) }, salesOpenAt = opens, salesCloseAt = closes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var read = await Tickets.Http.GetFromJsonAsync<EventResponse>("/events/og-window", Json);

        Assert.Equal((opens, closes), (read!.SalesOpenAt, read.SalesCloseAt));
        await ExpectProblemAsync(await Tickets.PurchaseAsync("og-window", "k-1", "alice", 1), 409, "sales-closed");
        await ExpectProblemAsync(await Tickets.HoldAsync("og-window", "k-2", "alice", 1, 60), 409, "sales-closed");
        Assert.Equal(0, (await Tickets.AvailabilityAsync("og-window")).Sold);
    }

    [Fact]
    public async Task Close_answers_the_time_sales_closed_the_same_again_and_later_purchases_are_409_sales_closed()
    {
        await Tickets.CreatedEventAsync("og-close", capacity: 10);
        await Tickets.PurchasedAsync("og-close", "k-1", "alice", 1);
        var before = DateTimeOffset.UtcNow;

        var (closed, body) = await ExpectAsync<SalesClosedResponse>(await Tickets.SendAsync(HttpMethod.Post, "/events/og-close/close", null, OrganiserKey), HttpStatusCode.OK);
        var (_, again) = await ExpectAsync<SalesClosedResponse>(await Tickets.SendAsync(HttpMethod.Post, "/events/og-close/close", null, OrganiserKey), HttpStatusCode.OK);

        Assert.InRange(closed.ClosedAt, before, DateTimeOffset.UtcNow);
        Assert.StartsWith("""{"closedAt":""", body, StringComparison.Ordinal);
        Assert.Equal(body, again);
        await ExpectProblemAsync(await Tickets.PurchaseAsync("og-close", "k-2", "bob", 1), 409, "sales-closed");
        await ExpectProblemAsync(await Tickets.SendAsync(HttpMethod.Post, "/events/og-close/close", null), 401, "missing-api-key");
        await ExpectProblemAsync(await Tickets.SendAsync(HttpMethod.Post, "/events/no-such-event/close", null, OrganiserKey), 404, "unknown-event");
        Assert.Equal(1, (await Tickets.AvailabilityAsync("og-close")).Sold);
    }

    [Fact]
    public async Task A_capacity_change_answers_the_category_stock_and_below_sold_plus_held_is_409_capacity_below_sold()
    {
        await Tickets.CreatedEventAsync("og-capacity", capacity: 10);
        await Tickets.PurchasedAsync("og-capacity", "k-1", "alice", 3);
        await ExpectAsync<Holds.HoldResponse>(await Tickets.HoldAsync("og-capacity", "k-2", "bob", 2, 600), HttpStatusCode.Created);

        var (raised, body) = await ExpectAsync<CategoryAvailabilityResponse>(
            await Tickets.SendAsync(HttpMethod.Put, "/events/og-capacity/categories/general/capacity", new { capacity = 20 }, OrganiserKey), HttpStatusCode.OK);
        var (lowered, _) = await ExpectAsync<CategoryAvailabilityResponse>(
            await Tickets.SendAsync(HttpMethod.Put, "/events/og-capacity/categories/general/capacity", new { capacity = 5 }, OrganiserKey), HttpStatusCode.OK);
        await ExpectProblemAsync(await Tickets.SendAsync(HttpMethod.Put, "/events/og-capacity/categories/general/capacity", new { capacity = 4 }, OrganiserKey), 409, "capacity-below-sold");
        await ExpectProblemAsync(await Tickets.SendAsync(HttpMethod.Put, "/events/og-capacity/categories/vip/capacity", new { capacity = 4 }, OrganiserKey), 400, "unknown-category");
        await ExpectProblemAsync(await Tickets.SendAsync(HttpMethod.Put, "/events/og-capacity/categories/general/capacity", new { capacity = 40 }), 401, "missing-api-key");

        Assert.Equal("""{"category":"general","capacity":20,"sold":3,"held":2,"available":15,"checkedIn":0}""", body);
        Assert.Equal(new CategoryAvailabilityResponse("general", 20, 3, 2, 15, 0), raised);
        Assert.Equal(new CategoryAvailabilityResponse("general", 5, 3, 2, 0, 0), lowered);
        var availability = await Tickets.AvailabilityAsync("og-capacity");
        Assert.Equal((5, 3, 2, 0), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
    }
}
