using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Sales;

/// <summary>
/// CASES C07, C08 and check-in against the real actors through the registry, on the in-memory journal, with a restart
/// (the box office stopped and recovered from its journal) where the case asks for one.
/// </summary>
public sealed class SalesCasesSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    [Fact]
    public void C07_a_cancelled_order_returns_its_seats_once_and_a_partial_cancel_survives_a_restart()
    {
        Create(Event("e7", capacity: 5, limit: 5));
        var liam = Assert.IsType<Purchased>(Buy("e7", "k-liam", "liam", 5)).Order;
        Assert.Equal(RejectionReason.SoldOut, Assert.IsType<Rejected>(Buy("e7", "k-other", "other", 1)).Reason);

        Registry.Tell(new Cancel("e7", "liam", liam.Number, [1, 2, 3]), TestActor);
        var cancelled = ExpectMsg<Cancelled>(Patience);
        Registry.Tell(new Cancel("e7", "liam", liam.Number, [1, 2, 3]), TestActor);
        var twice = ExpectMsg<Rejected>(Patience);

        Assert.Equal([1, 2, 3], cancelled.Serials.ToArray());
        Assert.Equal(3, cancelled.Remaining);
        Assert.Equal(RejectionReason.AlreadyCancelled, twice.Reason);
        AssertStock("e7", sold: 2, available: 3);
        StopBoxOffice("e7");
        AssertStock("e7", sold: 2, available: 3);

        // Cancelled seats sell again under new serials.
        var mia = Assert.IsType<Purchased>(Buy("e7", "k-mia", "mia", 3)).Order;
        Assert.Equal([6, 7, 8], mia.Tickets.Select(t => t.Serial));
        Assert.Single(JournalOf("e7").OfType<TicketsCancelled>());
    }

    [Fact]
    public void C07_two_cancels_of_the_same_order_at_the_same_time_release_the_seats_exactly_once()
    {
        Create(Event("e7b", capacity: 5, limit: 5));
        var order = Assert.IsType<Purchased>(Buy("e7b", "k-liam", "liam", 5)).Order;

        var probes = Enumerable.Range(0, 2).Select(_ => CreateTestProbe()).ToList();
        foreach (var probe in probes)
        {
            Registry.Tell(new Cancel("e7b", "liam", order.Number), probe.Ref);
        }
        var replies = probes.Select(p => p.ExpectMsg<IBoxOfficeReply>(Patience)).ToList();

        Assert.Single(replies.OfType<Cancelled>());
        Assert.Equal(RejectionReason.AlreadyCancelled, Assert.Single(replies.OfType<Rejected>()).Reason);
        AssertStock("e7b", sold: 0, available: 5);
    }

    [Fact]
    public void C08_five_concurrent_retries_and_a_late_one_after_a_restart_give_one_order_and_one_sale_event()
    {
        Create(Event("e8", capacity: 10, limit: 4));
        var probes = Enumerable.Range(0, 5).Select(_ => CreateTestProbe()).ToList();
        foreach (var probe in probes)
        {
            Registry.Tell(new Purchase("e8", "K1", "noah", "general", 2), probe.Ref);
        }
        var orders = probes.Select(p => p.ExpectMsg<Purchased>(Patience).Order).ToList();
        StopBoxOffice("e8");
        var late = Assert.IsType<Purchased>(Buy("e8", "K1", "noah", 2)).Order;
        var conflict = Assert.IsType<Rejected>(Buy("e8", "K1", "noah", 3));

        Assert.All(orders.Append(late), o =>
        {
            Assert.Equal(orders[0].Number, o.Number);
            Assert.Equal(orders[0].Tickets, o.Tickets);
        });
        Assert.Equal(RejectionReason.RequestIdConflict, conflict.Reason);
        AssertStock("e8", sold: 2, available: 8);
        Assert.Single(JournalOf("e8").OfType<TicketsIssued>());
    }

    [Fact]
    public void A_ticket_is_admitted_once_and_a_second_scan_after_a_restart_names_the_first()
    {
        Create(Event("door", capacity: 5, limit: 2));
        var ticket = Assert.IsType<Purchased>(Buy("door", "k-1", "ann", 2)).Order.Tickets[0];

        Registry.Tell(new CheckIn("door", ticket.Code), TestActor);
        var admitted = ExpectMsg<CheckedIn>(Patience);
        StopBoxOffice("door");
        Registry.Tell(new CheckIn("door", ticket.Code), TestActor);
        var again = ExpectMsg<Rejected>(Patience);
        Registry.Tell(new CheckIn("door", "no-such-code"), TestActor);
        var unknown = ExpectMsg<Rejected>(Patience);

        Assert.Equal((ticket.Serial, "general"), (admitted.Serial, admitted.Category));
        Assert.Equal((RejectionReason.AlreadyCheckedIn, admitted.At), (again.Reason, again.CheckedInAt));
        Assert.Equal(RejectionReason.UnknownTicket, unknown.Reason);
        Assert.Equal(1, AvailabilityOf("door").CheckedIn);
    }

    [Fact]
    public void An_order_is_read_with_each_ticket_status_through_the_registry_also_after_a_restart_and_the_read_stores_nothing()
    {
        Create(Event("read", capacity: 5, limit: 3));
        var order = Assert.IsType<Purchased>(Buy("read", "k-1", "ann", 3)).Order;
        Registry.Tell(new Cancel("read", "ann", order.Number, [1]), TestActor);
        ExpectMsg<Cancelled>(Patience);
        Registry.Tell(new CheckIn("read", order.Tickets[1].Code), TestActor);
        var admitted = ExpectMsg<CheckedIn>(Patience);
        var journalled = JournalOf("read").Count;

        Registry.Tell(new GetOrder("read", order.Number), TestActor);
        var found = ExpectMsg<OrderFound>(Patience);
        StopBoxOffice("read");
        Registry.Tell(new GetOrder("read", order.Number), TestActor);
        var recovered = ExpectMsg<OrderFound>(Patience);
        Registry.Tell(new GetOrder("read", order.Number + 1), TestActor);
        var unknown = ExpectMsg<Rejected>(Patience);

        Assert.Equal([TicketStatus.Cancelled, TicketStatus.CheckedIn, TicketStatus.Valid], found.Tickets.Select(t => t.Status));
        Assert.Equal(admitted.At, found.Tickets[1].CheckedInAt);
        Assert.Equal(found.Tickets.ToArray(), recovered.Tickets.ToArray());
        Assert.Equal(order.Tickets.ToArray(), recovered.Order.Tickets.ToArray());
        Assert.Equal(RejectionReason.UnknownOrder, unknown.Reason);
        Assert.Equal(journalled, JournalOf("read").Count);
    }

    private void AssertStock(string eventId, int sold, int available)
    {
        var availability = AvailabilityOf(eventId);
        Assert.Equal((sold, 0, available), (availability.Sold, availability.Held, availability.Available));
    }
}
