using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>The original demo's four, and the box office's replies and recovery.</summary>
public sealed class TicketBoxOfficeSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    [Fact]
    public void A_single_purchase_succeeds()
    {
        Create(Event("gala", capacity: 10));

        var purchased = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 1));

        Assert.Equal(1, purchased.Order.Number);
        Assert.Equal([1], purchased.Order.Tickets.Select(t => t.Serial));
        Assert.Equal(9, purchased.Remaining);
        var availability = AvailabilityOf("gala");
        Assert.Equal((10, 1, 0, 9), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public void Multiple_purchases_respect_the_number_available()
    {
        Create(Event("gala", capacity: 5, limit: 3));

        var first = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 3));
        var tooMany = Assert.IsType<Rejected>(Buy("gala", "r-2", "bob", 3));
        var rest = Assert.IsType<Purchased>(Buy("gala", "r-3", "bob", 2));
        var none = Assert.IsType<Rejected>(Buy("gala", "r-4", "cid", 1));

        Assert.Equal([1, 2, 3], first.Order.Tickets.Select(t => t.Serial));
        Assert.Equal((RejectionReason.InsufficientTickets, 2), (tooMany.Reason, tooMany.Available));
        Assert.Equal([4, 5], rest.Order.Tickets.Select(t => t.Serial));
        Assert.Equal(0, rest.Remaining);
        Assert.Equal(RejectionReason.SoldOut, none.Reason);
        Assert.Equal(0, AvailabilityOf("gala").Available);
    }

    [Fact]
    public void A_retried_request_returns_the_original_tickets_and_issues_nothing()
    {
        Create(Event("gala", capacity: 10, limit: 2));

        var original = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 2));
        var retry = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 2));
        var conflict = Assert.IsType<Rejected>(Buy("gala", "r-1", "ann", 1));

        Assert.Equal(original.Order.Number, retry.Order.Number);
        Assert.Equal(original.Order.Tickets, retry.Order.Tickets);
        Assert.Equal(RejectionReason.RequestIdConflict, conflict.Reason);
        Assert.Equal(2, AvailabilityOf("gala").Sold);
        Assert.Equal(2, JournalOf("gala").Count);
    }

    [Fact]
    public void A_restarted_box_office_recovers_its_sales_and_request_ids_from_the_journal()
    {
        Create(Event("gala", capacity: 10, limit: 2));
        var original = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 2));
        Assert.IsType<Purchased>(Buy("gala", "r-2", "bob", 1));

        StopBoxOffice("gala");

        var availability = AvailabilityOf("gala");
        Assert.Equal((3, 7), (availability.Sold, availability.Available));
        var retry = Assert.IsType<Purchased>(Buy("gala", "r-1", "ann", 2));
        Assert.Equal(original.Order.Tickets, retry.Order.Tickets);
        var next = Assert.IsType<Purchased>(Buy("gala", "r-3", "cid", 1));
        Assert.Equal([4], next.Order.Tickets.Select(t => t.Serial));
    }

    [Fact]
    public void Every_command_to_an_event_that_does_not_exist_gets_UnknownEvent()
    {
        Assert.Equal(RejectionReason.UnknownEvent, Assert.IsType<Rejected>(Buy("nothing-here", "r-1", "ann", 1)).Reason);
        Registry.Tell(new GetAvailability("nothing-here"), TestActor);
        Assert.Equal(RejectionReason.UnknownEvent, ExpectMsg<Rejected>(Patience).Reason);
        Assert.Equal(RejectionReason.UnknownEvent, Assert.IsType<Rejected>(Buy("not a valid id!", "r-1", "ann", 1)).Reason);
    }

    [Fact]
    public async Task Box_offices_are_children_of_the_registry_named_by_event_id()
    {
        Create(Event("spring-gala", capacity: 1));
        Create(Event("autumn-gala", capacity: 1));

        var spring = await Sys.ActorSelection("/user/box-offices/spring-gala").ResolveOne(Patience);
        var autumn = await Sys.ActorSelection("/user/box-offices/autumn-gala").ResolveOne(Patience);

        Assert.NotEqual(spring, autumn);
        Assert.IsType<Purchased>(Buy("spring-gala", "r-1", "ann", 1));
        Assert.IsType<Purchased>(Buy("autumn-gala", "r-1", "ann", 1));
    }
}
