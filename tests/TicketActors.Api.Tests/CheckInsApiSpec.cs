using System.Net;
using System.Net.Http.Json;
using TicketActors.Api.CheckIns;
using TicketActors.Api.Tests.Support;
using static TicketActors.Api.Tests.Support.TicketsClient;

namespace TicketActors.Api.Tests;

/// <summary>Check-in at the door over HTTP: the door key, one admission per code, and the refusals.</summary>
public sealed class CheckInsApiSpec(SharedApi service) : IClassFixture<SharedApi>
{
    private TicketsClient Tickets => service.Api.Tickets;

    [Fact]
    public async Task A_ticket_is_admitted_once_and_a_second_scan_is_409_with_the_time_of_the_first()
    {
        await Tickets.CreatedEventAsync("ci-twice", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("ci-twice", "k-1", "alice", 2);
        var before = DateTimeOffset.UtcNow;

        var (admitted, body) = await ExpectAsync<CheckInResponse>(await Tickets.CheckInAsync("ci-twice", order.Tickets[1].Code), HttpStatusCode.OK);
        var second = await ExpectProblemAsync(await Tickets.CheckInAsync("ci-twice", order.Tickets[1].Code), 409, "already-checked-in");

        Assert.Equal((2, "general"), (admitted.Serial, admitted.Category));
        Assert.InRange(admitted.CheckedInAt, before, DateTimeOffset.UtcNow);
        Assert.StartsWith("""{"serial":2,"category":"general","checkedInAt":""", body, StringComparison.Ordinal);
        Assert.Equal(admitted.CheckedInAt, second.Body.GetProperty("checkedInAt").GetDateTimeOffset());
        var availability = await Tickets.AvailabilityAsync("ci-twice");
        Assert.Equal((2, 1), (availability.Sold, availability.CheckedIn));
    }

    [Fact]
    public async Task An_unknown_code_is_404_unknown_ticket_and_a_cancelled_ticket_is_409_ticket_cancelled()
    {
        await Tickets.CreatedEventAsync("ci-refused", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("ci-refused", "k-1", "alice", 1);
        await ExpectAsync<Orders.CancelResponse>(await Tickets.CancelAsync(order.OrderId, order.OrderSecret), HttpStatusCode.OK);

        await ExpectProblemAsync(await Tickets.CheckInAsync("ci-refused", "AAAAAAAAAAAAAAAAAAAAAA"), 404, "unknown-ticket");
        await ExpectProblemAsync(await Tickets.CheckInAsync("ci-refused", order.Tickets[0].Code), 409, "ticket-cancelled");

        Assert.Equal(0, (await Tickets.AvailabilityAsync("ci-refused")).CheckedIn);
    }

    [Fact]
    public async Task The_door_key_or_the_organiser_key_opens_the_route_and_anything_else_is_401()
    {
        await Tickets.CreatedEventAsync("ci-keys", capacity: 10);
        var (order, _) = await Tickets.PurchasedAsync("ci-keys", "k-1", "alice", 2);

        await ExpectProblemAsync(await Tickets.CheckInAsync("ci-keys", order.Tickets[0].Code, doorKey: null), 401, "missing-door-key");
        await ExpectProblemAsync(await Tickets.CheckInAsync("ci-keys", order.Tickets[0].Code, doorKey: "not-the-door-key-at-all"), 401, "invalid-door-key");
        await ExpectProblemAsync(await Tickets.CheckInAsync("ci-keys", order.Tickets[0].Code, doorKey: ApiHost.AdminKey, header: "X-Api-Key"), 401, "missing-door-key");
        Assert.Equal(0, (await Tickets.AvailabilityAsync("ci-keys")).CheckedIn);

        await ExpectAsync<CheckInResponse>(await Tickets.CheckInAsync("ci-keys", order.Tickets[0].Code, doorKey: ApiHost.AdminKey), HttpStatusCode.OK);
        await ExpectAsync<CheckInResponse>(await Tickets.CheckInAsync("ci-keys", order.Tickets[1].Code), HttpStatusCode.OK);
        Assert.Equal(2, (await Tickets.AvailabilityAsync("ci-keys")).CheckedIn);
    }
}

/// <summary>With neither a door key nor an organiser key configured the check-in route is closed, whatever is sent.</summary>
public sealed class DoorRoutesClosedSpec
{
    [Fact]
    public async Task Without_a_configured_key_check_in_answers_403()
    {
        using var folder = new TempFolder();
        await using var api = await ApiHost.StartAsync(folder.Path, new Dictionary<string, string?>
        {
            ["TicketActors:AdminKey"] = null,
            ["TicketActors:DoorKey"] = null,
            ["TicketActors:Store"] = "memory",
        });

        await ExpectProblemAsync(await api.Http.PostAsJsonAsync("/events/gala/checkins", new { code = "AAAAAAAAAAAAAAAAAAAAAA" }), 403, "door-routes-disabled");
        await ExpectProblemAsync(await api.Tickets.CheckInAsync("gala", "AAAAAAAAAAAAAAAAAAAAAA"), 403, "door-routes-disabled");
    }
}
