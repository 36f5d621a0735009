using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>C07 (CASES.md): a cancel returns exactly its tickets to the stock, once, and a restart keeps it that way.</summary>
public sealed class CancelScenarioSpec
{
    private static TestBoxOffice E7() => TestBoxOffice.For(SingleCategory(5, 5, "E7"));

    [Fact]
    public void C07_cancelling_a_sold_out_order_of_the_maximum_quantity_restores_the_whole_stock_and_it_sells_again()
    {
        var box = E7();
        var liam = box.Buy("liam", 5).Order;
        box.Refuse(box.PurchaseOf("mia", 1), RejectionReason.SoldOut, available: 0);

        var cancelled = box.CancelTickets("liam", liam.Number, null, [1, 2, 3, 4, 5]);

        Assert.Equal(5, cancelled.Remaining);
        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(box.State.Availability().Categories));
        var mia = box.Buy("mia", 5).Order;
        Assert.Equal("6-10", mia.SerialRange);
        Assert.Empty(mia.Tickets.Select(t => t.Code).Intersect(liam.Tickets.Select(t => t.Code)));
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void C07_cancelling_the_same_order_twice_releases_the_seats_exactly_once()
    {
        var box = E7();
        var liam = box.Buy("liam", 5).Order;
        var cancel = new Cancel("E7", "liam", liam.Number);

        // "At the same time" is one after the other for the box office: the second is decided against the first.
        var first = box.Send(cancel);
        var second = box.Refuse(cancel, RejectionReason.AlreadyCancelled);

        Assert.IsType<Cancelled>(first.Reply);
        Assert.Equal("every ticket of order 1 is cancelled already", second.Message);
        Assert.Single(box.Journal.OfType<TicketsCancelled>());
        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(box.State.Availability().Categories));
        box.Buy("mia", 5);
        box.Refuse(cancel, RejectionReason.AlreadyCancelled);
        Assert.Equal(new CategoryAvailability(General, 5, 5, 0, 0), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void C07_a_partial_cancel_of_three_of_five_then_a_restart_reads_sold_two_available_three_before_and_after()
    {
        var box = E7();
        var liam = box.Buy("liam", 5, requestId: "K-liam").Order;

        box.CancelTickets("liam", liam.Number, [1, 3, 5], [1, 3, 5]);

        CategoryAvailability expected = new(General, 5, 2, 0, 3);
        Assert.Equal(expected, Assert.Single(box.State.Availability().Categories));
        var (replayed, restored) = box.AssertRecoversTheSameState();
        foreach (var state in new[] { replayed, restored })
        {
            Assert.Equal(expected, Assert.Single(state.Availability().Categories));
            Assert.Equal(2, state.TicketsPerBuyer[new BuyerCategory("liam", General)]);
            // A retry of the original purchase after the restart still answers with the original order and sells nothing.
            var replay = state.Decide(new Purchase("E7", "K-liam", "liam", General, 5), box.Context);
            Assert.Empty(replay.Events);
            OrderAssert.Same(liam, Assert.IsType<Purchased>(replay.Reply).Order);
            Expect.Rejected(state, new Cancel("E7", "liam", liam.Number, [3]), box.Context, RejectionReason.AlreadyCancelled);
            var rest = state.Decide(new Cancel("E7", "liam", liam.Number), box.Context);
            Assert.Equal([2, 4], Assert.IsType<Cancelled>(rest.Reply).Serials.ToArray());
        }
    }

    [Fact]
    public void C07_available_never_exceeds_the_capacity_whatever_is_cancelled()
    {
        var box = TestBoxOffice.For(new EventDefinition("E7", "C07", StartsAt, [Category(General, 5, 5)]));
        box.Buy("liam", 3);
        box.Buy("noah", 2);
        box.CancelTickets("liam", 1, [2], [2]);
        box.Refuse(new Cancel("E7", "liam", 1, [2]), RejectionReason.AlreadyCancelled);
        box.CancelTickets("liam", 1, null, [1, 3]);
        box.Refuse(new Cancel("E7", "liam", 1), RejectionReason.AlreadyCancelled);
        box.CancelTickets("noah", 2, null, [4, 5]);

        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(box.State.Availability().Categories));
        Assert.Empty(box.State.InvariantViolations());
    }
}
