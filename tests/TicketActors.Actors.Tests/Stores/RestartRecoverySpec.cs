using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using static TicketActors.Actors.Tests.Stores.BoxOfficeNode;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// A whole actor system stops and a new one starts on the same durable store: what the box office acknowledged is
/// still there, and request ids still work (DESIGN: nothing acknowledged is lost, retries are safe after a restart).
/// Run once per store by the classes below it.
/// </summary>
public abstract class RestartRecoverySpec
{
    /// <summary>An empty store of this class's kind.</summary>
    protected abstract Task<StoreSettings> NewStoreAsync();

    [Fact]
    public async Task A_new_actor_system_on_the_same_store_has_the_same_availability_and_replays_old_request_ids()
    {
        var store = await NewStoreAsync();
        Availability before;
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        await using (var first = Start(store))
        {
            await first.CreateAsync(Event("restart", capacity: 20, limit: 2));
            orders["r-1"] = await first.BoughtAsync("restart", "r-1", "buyer-1", 2);
            orders["r-2"] = await first.BoughtAsync("restart", "r-2", "buyer-2", 1);
            orders["r-3"] = await first.BoughtAsync("restart", "r-3", "buyer-3", 2);
            orders["r-4"] = await first.BoughtAsync("restart", "r-4", "buyer-4", 1);
            var replay = Assert.IsType<Purchased>(await first.BuyAsync("restart", "r-3", "buyer-3", 2));
            AssertSameOrder(orders["r-3"], replay.Order);
            Assert.Equal(14, replay.Remaining);
            before = await first.AvailabilityAsync("restart");
            Assert.Empty(first.Problems);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], orders.Values.OrderBy(o => o.Number).SelectMany(o => o.Tickets).Select(t => t.Serial));
        Assert.Equal((20, 6, 0, 14), (before.Capacity, before.Sold, before.Held, before.Available));

        await using var second = Start(store);
        var after = await second.AvailabilityAsync("restart");
        Assert.Equal<CategoryAvailability>(before.Categories, after.Categories);

        foreach (var (requestId, original) in orders)
        {
            var retry = Assert.IsType<Purchased>(await second.BuyAsync("restart", requestId, original.BuyerId, original.Quantity));
            AssertSameOrder(original, retry.Order);
            Assert.Equal(14, retry.Remaining);
        }

        var next = await second.BoughtAsync("restart", "r-5", "buyer-5", 2);
        Assert.Equal(5, next.Number);
        Assert.Equal([7, 8], next.Tickets.Select(t => t.Serial));
        Assert.Empty(next.Tickets.Select(t => t.Code).Intersect(orders.Values.SelectMany(o => o.Tickets).Select(t => t.Code)));

        var conflict = Assert.IsType<Rejected>(await second.BuyAsync("restart", "r-2", "buyer-9", 1));
        Assert.Equal((RejectionReason.RequestIdConflict, "r-2"), (conflict.Reason, conflict.RequestId));

        var final = await second.AvailabilityAsync("restart");
        Assert.Equal((20, 8, 0, 12), (final.Capacity, final.Sold, final.Held, final.Available));
        var journal = await second.RecoverAsync("restart", useSnapshot: false);
        Assert.IsType<EventCreated>(journal.Events[0]);
        Assert.Equal(["r-1", "r-2", "r-3", "r-4", "r-5"], journal.Events.Skip(1).Cast<TicketsIssued>().Select(e => e.RequestId));
        Assert.Empty(second.Problems);
    }
}
