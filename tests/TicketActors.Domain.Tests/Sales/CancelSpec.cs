using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>
/// Cancel: by the order's buyer, the whole order or some of its tickets, all or nothing. Cancelled tickets go back on
/// sale, stay known (so a scan can say "cancelled"), and their serials and codes are never issued again.
/// </summary>
public sealed class CancelSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void Cancelling_a_whole_order_returns_its_tickets_to_the_stock_and_to_the_buyers_limit()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 3);
        box.Advance(TimeSpan.FromDays(1));

        var decision = box.Send(new Cancel("E1", "alice", 1));

        var stored = Assert.IsType<TicketsCancelled>(Assert.Single(decision.Events));
        Assert.Equal((1, Now.AddDays(1)), (stored.OrderNumber, stored.At));
        Assert.Equal([1, 2, 3], stored.Serials.ToArray());
        var cancelled = Assert.IsType<Cancelled>(decision.Reply);
        Assert.Equal(("E1", 1, 10), (cancelled.EventId, cancelled.OrderNumber, cancelled.Remaining));
        Assert.Equal([1, 2, 3], cancelled.Serials.ToArray());
        Assert.Equal(
            [new CategoryAvailability(General, 10, 0, 0, 10), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            box.State.Availability().Categories.ToArray());
        Assert.Empty(box.State.TicketsPerBuyer);
        Assert.Equal([1, 2, 3], box.State.CancelledSerials.Order());
        Assert.Equal(3, box.State.TicketsByCode.Count);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void A_partial_cancel_returns_only_the_named_tickets_and_a_later_whole_cancel_returns_the_rest()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 4);

        box.CancelTickets("alice", 1, [4, 2], [2, 4]);

        Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(2, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
        box.CancelTickets("alice", 1, null, [1, 3]);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void Cancelling_a_cancelled_order_or_ticket_is_refused_with_AlreadyCancelled_and_returns_nothing_twice()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.CancelTickets("alice", 1, [2], [2]);
        box.CancelTickets("alice", 1, null, [1, 3]);

        var whole = box.Refuse(new Cancel("E1", "alice", 1), RejectionReason.AlreadyCancelled);
        var one = box.Refuse(new Cancel("E1", "alice", 1, [3]), RejectionReason.AlreadyCancelled);

        Assert.Equal("every ticket of order 1 is cancelled already", whole.Message);
        Assert.Equal("ticket 3 of order 1 is cancelled already", one.Message);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void A_cancel_that_names_one_cancelled_ticket_among_live_ones_cancels_none()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.CancelTickets("alice", 1, [2], [2]);

        box.Refuse(new Cancel("E1", "alice", 1, [1, 2]), RejectionReason.AlreadyCancelled);
    }

    [Fact]
    public void Only_the_buyer_of_the_order_may_cancel_it()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);

        var rejected = box.Refuse(new Cancel("E1", "mallory", 1), RejectionReason.NotOrderOwner);

        Assert.Equal("order 1 is not an order of buyer 'mallory'", rejected.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Cancel_of_an_order_the_event_does_not_have_is_refused_with_UnknownOrder(int orderNumber)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);

        box.Refuse(new Cancel("E1", "alice", orderNumber), RejectionReason.UnknownOrder);
    }

    [Fact]
    public void Cancel_of_a_serial_that_is_not_one_of_the_orders_tickets_is_refused_with_UnknownTicket()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);
        box.Buy("bob", 1);

        var rejected = box.Refuse(new Cancel("E1", "alice", 1, [1, 3]), RejectionReason.UnknownTicket);

        Assert.Equal("ticket 3 is not one of the tickets of order 1 (1-2)", rejected.Message);
    }

    [Theory]
    [InlineData("", new[] { 1 })]
    [InlineData("alice", new int[0])]
    [InlineData("alice", new[] { 1, 1 })]
    public void Cancel_without_a_buyer_with_an_empty_serial_list_or_a_serial_twice_is_refused_with_InvalidRequest(string buyer, int[] serials)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);

        box.Refuse(new Cancel("E1", buyer, 1, serials), RejectionReason.InvalidRequest);
    }

    [Fact]
    public void Cancel_for_another_event_is_UnknownEvent()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);

        box.Refuse(new Cancel("E2", "alice", 1), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void A_checked_in_ticket_cannot_be_cancelled_and_a_whole_order_with_one_cancels_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var order = box.Buy("alice", 3).Order;
        box.Send(new CheckIn("E1", order.Tickets[1].Code));
        box.Advance(TimeSpan.FromHours(1));

        var one = box.Refuse(new Cancel("E1", "alice", 1, [2]), RejectionReason.AlreadyCheckedIn, checkedInAt: Now);
        box.Refuse(new Cancel("E1", "alice", 1), RejectionReason.AlreadyCheckedIn, checkedInAt: Now);

        Assert.Equal($"ticket 2 was checked in at {Now:O} and cannot be cancelled", one.Message);
        box.CancelTickets("alice", 1, [1, 3], [1, 3]);
    }

    [Fact]
    public void Sales_after_a_cancel_get_new_serials_and_codes_never_the_cancelled_ones()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));
        var first = box.Buy("alice", 3).Order;
        box.CancelTickets("alice", 1, null, [1, 2, 3]);

        var again = box.Buy("bob", 3).Order;

        Assert.Equal("4-6", again.SerialRange);
        Assert.Equal(["code-4", "code-5", "code-6"], again.Tickets.Select(t => t.Code));
        Assert.Empty(again.Tickets.Select(t => t.Code).Intersect(first.Tickets.Select(t => t.Code)));
        Assert.Equal(new CategoryAvailability(General, 3, 3, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.Equal((6, 2), (box.State.LastSerial, box.State.LastOrderNumber));
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void A_cancel_gives_the_buyer_room_under_the_limit_again()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 2));
        box.Buy("alice", 2);
        box.CancelTickets("alice", 1, [1], [1]);

        box.Refuse(box.PurchaseOf("alice", 2), RejectionReason.LimitExceeded);
        box.Buy("alice", 1);
    }

    [Fact]
    public void An_order_from_a_confirmed_hold_can_be_cancelled_by_its_buyer()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        var order = box.ConfirmHold(hold.HoldId).Order;

        box.Refuse(new Cancel("E1", "bob", order.Number), RejectionReason.NotOrderOwner);
        box.CancelTickets("alice", order.Number, null, [1, 2]);

        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void A_request_id_replay_after_a_cancel_returns_the_original_order_with_all_its_tickets_and_sells_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var original = box.Buy("alice", 3, requestId: "K1");
        box.CancelTickets("alice", 1, [1], [1]);

        var replay = box.Send(new Purchase("E1", "K1", "alice", General, 3));

        Assert.Empty(replay.Events);
        OrderAssert.Same(original.Order, Assert.IsType<Purchased>(replay.Reply).Order);
        Assert.Equal(8, Assert.IsType<Purchased>(replay.Reply).Remaining);
        Assert.True(box.State.CancelledSerials.Contains(1));
    }

    [Fact]
    public void Cancelling_is_accepted_after_sales_closed()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);
        box.Send(new CloseSales("E1"));

        box.CancelTickets("alice", 1, null, [1, 2]);

        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SalesClosed);
    }

    [Fact]
    public void Cancelled_tickets_survive_a_restart_and_a_snapshot_also_for_orders_past_the_request_id_window()
    {
        var box = new TestBoxOffice();
        var state = new BoxOfficeState(requestIdWindow: 1);
        var journal = new List<IBoxOfficeEvent>();
        var context = box.Context;
        Send(new CreateEvent(SingleCategory(10, 4)));
        Send(new Purchase("E1", "r-1", "alice", General, 3));
        Send(new Purchase("E1", "r-2", "bob", General, 2));
        Send(new Cancel("E1", "alice", 1, [2]));

        var snapshot = state.ToSnapshot();
        var restored = BoxOfficeState.FromSnapshot(snapshot, requestIdWindow: 1);
        var replayed = BoxOfficeState.Replay(journal, requestIdWindow: 1);

        Assert.Equal([1], snapshot.OtherOrders!.Select(o => o.Number));
        Assert.Equal([2], snapshot.CancelledSerials!);
        foreach (var recovered in new[] { restored, replayed })
        {
            StateSnapshot.Of(state).AssertEquivalentTo(StateSnapshot.Of(recovered));
            Expect.Rejected(recovered, new Cancel("E1", "alice", 1, [2]), context, RejectionReason.AlreadyCancelled);
            var rest = recovered.Decide(new Cancel("E1", "alice", 1), context);
            Assert.Equal([1, 3], Assert.IsType<Cancelled>(rest.Reply).Serials.ToArray());
        }

        void Send(IBoxOfficeCommand command)
        {
            var decision = state.Decide(command, context);
            Assert.True(decision.IsAccepted, $"{command}: {decision.Reply}");
            foreach (var @event in decision.Events)
            {
                state.Apply(@event);
                journal.Add(@event);
            }
        }
    }
}
