using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>
/// ExpireHolds: every live hold whose deadline is at or before the decision time expires, earliest first, as one
/// stored HoldExpired each. NextHoldExpiry tells the actor when to send it next.
/// </summary>
public sealed class ExpirySpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void ExpireHolds_expires_exactly_the_live_holds_at_or_past_their_deadline_earliest_first()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var third = box.Place("carol", 3, ttl: TimeSpan.FromMinutes(3));
        var first = box.Place("alice", 1, ttl: TimeSpan.FromMinutes(1));
        var second = box.Place("bob", 2, ttl: TimeSpan.FromMinutes(2));
        box.Advance(TimeSpan.FromMinutes(2));

        var decision = box.Send(new ExpireHolds("E1"));

        Assert.Equal(new HoldsExpired("E1", 2, Now.AddMinutes(3)), decision.Reply);
        Assert.Equal([new HoldExpired(first.HoldId, Now.AddMinutes(2)), new HoldExpired(second.HoldId, Now.AddMinutes(2))], decision.Events.ToArray());
        Assert.Equal(new CategoryAvailability(General, 10, 0, 3, 7), Assert.Single(box.State.Availability().Categories));
        Assert.Equal([HoldStatus.Expired, HoldStatus.Expired, HoldStatus.Live],
            new[] { first, second, third }.Select(h => box.State.Holds[h.HoldId].Status));
        var counted = Assert.Single(box.State.TicketsPerBuyer);
        Assert.Equal((new BuyerCategory("carol", General), 3), (counted.Key, counted.Value));
        Assert.Equal(Now.AddMinutes(3), box.State.NextHoldExpiry);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void ExpireHolds_with_nothing_due_stores_nothing_and_tells_the_next_deadline()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Refuse(new ExpireHolds("E2"), RejectionReason.UnknownEvent);
        Assert.Equal(new HoldsExpired("E1", 0, null), box.Send(new ExpireHolds("E1")).Reply);
        var hold = box.Place("alice", 1);
        box.At(hold.ExpiresAt.AddTicks(-1));

        var decision = box.Send(new ExpireHolds("E1"));

        Assert.Equal(new HoldsExpired("E1", 0, hold.ExpiresAt), decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Equal(HoldStatus.Live, box.State.Holds[hold.HoldId].Status);
    }

    [Fact]
    public void ExpireHolds_expires_at_most_its_limit_and_the_next_deadline_tells_that_more_are_due()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var holds = Enumerable.Range(1, 3).Select(i => box.Place($"buyer-{i}", 1, ttl: TimeSpan.FromMinutes(i))).ToList();
        box.Advance(TimeSpan.FromMinutes(5));

        var first = box.Send(new ExpireHolds("E1", Limit: 2));
        var second = box.Send(new ExpireHolds("E1", Limit: 2));

        Assert.Equal(new HoldsExpired("E1", 2, holds[2].ExpiresAt), first.Reply);
        Assert.Equal([holds[0].HoldId, holds[1].HoldId], first.Events.Cast<HoldExpired>().Select(e => e.HoldId));
        Assert.Equal(new HoldsExpired("E1", 1, null), second.Reply);
        Assert.Equal(holds[2].HoldId, Assert.IsType<HoldExpired>(Assert.Single(second.Events)).HoldId);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ExpireHolds_with_a_limit_below_one_is_refused_with_InvalidRequest(int limit)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new ExpireHolds("E1", limit), RejectionReason.InvalidRequest);
    }

    [Fact]
    public void Holds_with_the_same_deadline_expire_in_the_order_of_their_ids()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4), new ScriptedTicketCodes("b", "c", "a"));
        box.Place("alice", 1);
        box.Place("bob", 1);
        box.Place("carol", 1);
        box.Advance(TestBoxOffice.Ttl);

        var decision = box.Send(new ExpireHolds("E1"));

        Assert.Equal(["h-a", "h-b", "h-c"], decision.Events.Cast<HoldExpired>().Select(e => e.HoldId));
    }

    [Fact]
    public void Confirmed_and_released_holds_never_expire_and_leave_the_expiry_order()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var confirmed = box.Place("alice", 1, ttl: TimeSpan.FromMinutes(1));
        var released = box.Place("bob", 1, ttl: TimeSpan.FromMinutes(2));
        var live = box.Place("carol", 1, ttl: TimeSpan.FromMinutes(3));
        box.ConfirmHold(confirmed.HoldId);
        box.Send(new Release("E1", released.HoldId));

        Assert.Equal(live.ExpiresAt, box.State.NextHoldExpiry);
        box.Advance(TimeSpan.FromHours(1));
        var decision = box.Send(new ExpireHolds("E1"));

        Assert.Equal(new HoldExpired(live.HoldId, Now.AddHours(1)), Assert.Single(decision.Events));
        Assert.Equal(new CategoryAvailability(General, 10, 1, 0, 9), Assert.Single(box.State.Availability().Categories));
        Assert.Null(box.State.NextHoldExpiry);
    }

    [Fact]
    public void An_expired_hold_gives_the_buyer_their_limit_back()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 2));
        box.Place("alice", 2);
        box.Refuse(box.HoldOf("alice", 1), RejectionReason.LimitExceeded);
        box.Advance(TestBoxOffice.Ttl);
        box.Send(new ExpireHolds("E1"));

        Assert.Equal(2, box.Buy("alice", 2).Order.Quantity);
    }

    [Fact]
    public void Decide_of_ExpireHolds_changes_nothing_until_its_events_are_applied()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Place("alice", 2);
        box.Advance(TestBoxOffice.Ttl);
        var before = StateSnapshot.Of(box.State);

        var decision = box.State.Decide(new ExpireHolds("E1"), box.Context);

        Assert.Single(decision.Events);
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }

    [Fact]
    public void NextHoldExpiry_and_the_expiry_itself_come_from_the_stored_deadlines_after_a_restart_and_a_snapshot()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var early = box.Place("alice", 2, ttl: TimeSpan.FromSeconds(30));
        box.Place("bob", 1, ttl: TimeSpan.FromMinutes(5));
        var (replayed, restored) = box.AssertRecoversTheSameState();
        var later = box.Context with { Now = Now.AddMinutes(1) };

        foreach (var state in new[] { replayed, restored })
        {
            Assert.Equal(early.ExpiresAt, state.NextHoldExpiry);
            var decision = state.Decide(new ExpireHolds("E1"), later);
            Assert.Equal(new HoldsExpired("E1", 1, Now.AddMinutes(5)), decision.Reply);
            Assert.Equal(new HoldExpired(early.HoldId, Now.AddMinutes(1)), Assert.Single(decision.Events));
        }
    }
}
