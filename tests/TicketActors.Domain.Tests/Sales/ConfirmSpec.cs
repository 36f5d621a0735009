using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>Confirm: a live hold becomes an order (new serials and codes at confirm time); anything else is refused or replayed.</summary>
public sealed class ConfirmSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void Confirm_turns_a_live_hold_into_an_order_with_the_next_serials_and_fresh_codes()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("bob", 2);
        var hold = box.Place("alice", 3, requestId: "K-alice");
        box.Advance(TimeSpan.FromMinutes(5));

        var decision = box.Send(new Confirm("E1", hold.HoldId));

        Assert.Equal("h-code-3", hold.HoldId);
        Ticket[] tickets = [new(3, "code-4", General), new(4, "code-5", General), new(5, "code-6", General)];
        var purchased = Assert.IsType<Purchased>(decision.Reply);
        Assert.Equal(("E1", 5), (purchased.EventId, purchased.Remaining));
        OrderAssert.Same(new Order(2, "K-alice", "alice", General, [.. tickets], Now.AddMinutes(5)), purchased.Order);
        var confirmed = Assert.IsType<HoldConfirmed>(Assert.Single(decision.Events));
        Assert.Equal(("h-code-3", 2, General, Now.AddMinutes(5)), (confirmed.HoldId, confirmed.OrderNumber, confirmed.Category, confirmed.ConfirmedAt));
        Assert.Equal(tickets, confirmed.Tickets.ToArray());

        Assert.Equal(
            [new CategoryAvailability(General, 10, 5, 0, 5), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal((5, 2), (box.State.LastSerial, box.State.LastOrderNumber));
        Assert.Equal(new TicketHold("h-code-3", "K-alice", "alice", General, 3, Now, Now.AddMinutes(10), HoldStatus.Confirmed, 2, Now.AddMinutes(5)),
            box.State.Holds[hold.HoldId]);
        OrderAssert.Same(purchased.Order, box.State.OrdersByNumber[2]);
        Assert.False(box.State.OrdersByRequestId.ContainsKey("K-alice"));
        Assert.Equal(3, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
        Assert.Equal(new Ticket(4, "code-5", General), box.State.TicketsByCode["code-5"]);
        Assert.Null(box.State.NextHoldExpiry);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void Confirming_a_confirmed_hold_returns_the_original_order_and_stores_nothing_also_after_a_restart()
    {
        var codes = new SequentialTicketCodes();
        var box = TestBoxOffice.For(SingleCategory(10, 4), codes);
        var hold = box.Place("alice", 2);
        var original = box.ConfirmHold(hold.HoldId);
        var drawn = codes.Drawn;
        var before = StateSnapshot.Of(box.State);
        box.Advance(TimeSpan.FromHours(3));

        var again = box.Send(new Confirm("E1", hold.HoldId));
        var (replayed, restored) = box.AssertRecoversTheSameState();

        Assert.Empty(again.Events);
        OrderAssert.Same(original.Order, Assert.IsType<Purchased>(again.Reply).Order);
        Assert.Equal(8, Assert.IsType<Purchased>(again.Reply).Remaining);
        foreach (var state in new[] { replayed, restored })
        {
            var decision = state.Decide(new Confirm("E1", hold.HoldId), box.Context);
            Assert.Empty(decision.Events);
            OrderAssert.Same(original.Order, Assert.IsType<Purchased>(decision.Reply).Order);
        }
        before.AssertSameAs(StateSnapshot.Of(box.State));
        Assert.Equal(drawn, codes.Drawn);
    }

    [Fact]
    public void Confirm_one_tick_before_the_deadline_succeeds()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        box.At(hold.ExpiresAt.AddTicks(-1));

        var purchased = box.ConfirmHold(hold.HoldId);

        Assert.Equal(hold.ExpiresAt.AddTicks(-1), purchased.Order.IssuedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3_600)]
    public void Confirm_at_or_after_the_deadline_is_refused_with_HoldExpired_even_before_the_expiry_is_stored(int secondsLate)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        box.At(hold.ExpiresAt.AddSeconds(secondsLate));

        var rejected = box.Refuse(new Confirm("E1", hold.HoldId), RejectionReason.HoldExpired);

        Assert.Equal($"hold '{hold.HoldId}' expired at {hold.ExpiresAt:O}", rejected.Message);
        Assert.Equal(HoldStatus.Live, box.State.Holds[hold.HoldId].Status);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 2, 8), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void Confirm_of_an_expired_hold_is_refused_with_HoldExpired_and_issues_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        box.At(hold.ExpiresAt);
        box.Send(new ExpireHolds("E1"));

        box.Refuse(new Confirm("E1", hold.HoldId), RejectionReason.HoldExpired);

        Assert.Empty(box.State.TicketsByCode);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void Confirm_of_a_released_hold_is_refused_with_HoldReleased()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        box.Send(new Release("E1", hold.HoldId));

        var rejected = box.Refuse(new Confirm("E1", hold.HoldId), RejectionReason.HoldReleased);

        Assert.Equal($"hold '{hold.HoldId}' was released at {Now:O}; its tickets are back on sale", rejected.Message);
    }

    [Theory]
    [InlineData("h-nope", RejectionReason.HoldNotFound)]
    [InlineData("", RejectionReason.InvalidRequest)]
    [InlineData("  ", RejectionReason.InvalidRequest)]
    public void Confirm_of_a_hold_the_event_does_not_have_is_refused(string holdId, RejectionReason reason)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Place("alice", 2);

        box.Refuse(new Confirm("E1", holdId), reason);
    }

    [Fact]
    public void Confirm_for_another_event_or_before_the_event_exists_is_UnknownEvent()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);

        box.Refuse(new Confirm("E2", hold.HoldId), RejectionReason.UnknownEvent);
        new TestBoxOffice().Refuse(new Confirm("E1", hold.HoldId), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void A_hold_granted_inside_the_sales_window_can_be_confirmed_after_sales_closed()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        box.Advance(TimeSpan.FromMinutes(1));
        box.Send(new CloseSales("E1"));

        var purchased = box.ConfirmHold(hold.HoldId);

        Assert.Equal(2, purchased.Order.Quantity);
        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SalesClosed);
    }

    [Fact]
    public void A_hold_can_be_confirmed_after_the_capacity_was_lowered_to_what_is_sold_and_held()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("bob", 3);
        var hold = box.Place("alice", 2);
        box.Send(new ChangeCapacity("E1", General, 5));

        var purchased = box.ConfirmHold(hold.HoldId);

        Assert.Equal(0, purchased.Remaining);
        Assert.Equal(new CategoryAvailability(General, 5, 5, 0, 0), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void Decide_of_a_confirm_changes_nothing_until_its_event_is_applied()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);
        var before = StateSnapshot.Of(box.State);

        var decision = box.State.Decide(new Confirm("E1", hold.HoldId), box.Context);

        Assert.IsType<HoldConfirmed>(Assert.Single(decision.Events));
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }
}
