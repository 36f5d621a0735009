using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>Release: a live hold's tickets go back on sale; a hold that is over already is released again without an event.</summary>
public sealed class ReleaseSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void Release_returns_the_held_tickets_to_the_stock_and_to_the_buyers_limit()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1);
        var hold = box.Place("alice", 3);
        box.Advance(TimeSpan.FromMinutes(2));

        var decision = box.Send(new Release("E1", hold.HoldId));

        Assert.Equal(new Released("E1", hold.HoldId, 9), decision.Reply);
        Assert.Equal(new HoldReleased(hold.HoldId, Now.AddMinutes(2)), Assert.Single(decision.Events));
        Assert.Equal(new CategoryAvailability(General, 10, 1, 0, 9), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(1, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
        Assert.Equal((HoldStatus.Released, Now.AddMinutes(2)), (box.State.Holds[hold.HoldId].Status, box.State.Holds[hold.HoldId].EndedAt));
        Assert.Null(box.State.NextHoldExpiry);
        Assert.Empty(box.State.InvariantViolations());
        box.Place("alice", 3);
    }

    [Fact]
    public void Releasing_a_released_hold_is_accepted_again_and_stores_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 3);
        box.Send(new Release("E1", hold.HoldId));
        box.Buy("bob", 2);
        var before = StateSnapshot.Of(box.State);

        var again = box.State.Decide(new Release("E1", hold.HoldId), box.Context);

        Assert.Equal(new Released("E1", hold.HoldId, 8), again.Reply);
        Assert.Empty(again.Events);
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }

    [Fact]
    public void Releasing_an_expired_hold_is_accepted_and_stores_nothing_its_tickets_are_back_already()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 3);
        box.At(hold.ExpiresAt);
        box.Send(new ExpireHolds("E1"));

        var decision = box.Send(new Release("E1", hold.HoldId));

        Assert.Equal(new Released("E1", hold.HoldId, 10), decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Equal(HoldStatus.Expired, box.State.Holds[hold.HoldId].Status);
    }

    [Fact]
    public void Releasing_a_live_hold_past_its_deadline_before_it_was_expired_stores_the_release()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 3);
        box.At(hold.ExpiresAt.AddSeconds(5));

        var decision = box.Send(new Release("E1", hold.HoldId));

        Assert.Equal(new HoldReleased(hold.HoldId, hold.ExpiresAt.AddSeconds(5)), Assert.Single(decision.Events));
        var expiry = box.Send(new ExpireHolds("E1"));
        Assert.Equal(new HoldsExpired("E1", 0, null), expiry.Reply);
        Assert.Empty(expiry.Events);
    }

    [Fact]
    public void Releasing_a_confirmed_hold_is_refused_with_HoldAlreadyConfirmed()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 3);
        box.ConfirmHold(hold.HoldId);

        var rejected = box.Refuse(new Release("E1", hold.HoldId), RejectionReason.HoldAlreadyConfirmed);

        Assert.Equal($"hold '{hold.HoldId}' was confirmed as order 1; cancel the order to give its tickets back", rejected.Message);
    }

    [Theory]
    [InlineData("h-nope", RejectionReason.HoldNotFound)]
    [InlineData("", RejectionReason.InvalidRequest)]
    public void Release_of_a_hold_the_event_does_not_have_is_refused(string holdId, RejectionReason reason)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Place("alice", 2);

        box.Refuse(new Release("E1", holdId), reason);
    }

    [Fact]
    public void Release_for_another_event_is_UnknownEvent()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 2);

        box.Refuse(new Release("E2", hold.HoldId), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void A_release_survives_a_restart_and_a_snapshot()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var hold = box.Place("alice", 3);
        box.Place("bob", 1);
        box.Send(new Release("E1", hold.HoldId));

        var (replayed, restored) = box.AssertRecoversTheSameState();

        Assert.Equal(new CategoryAvailability(General, 10, 0, 1, 9), Assert.Single(restored.Availability().Categories));
        Expect.Rejected(replayed, new Confirm("E1", hold.HoldId), box.Context, RejectionReason.HoldReleased);
        Expect.Rejected(restored, new Confirm("E1", hold.HoldId), box.Context, RejectionReason.HoldReleased);
    }
}
