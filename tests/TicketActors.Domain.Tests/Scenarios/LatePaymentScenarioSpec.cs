using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>
/// C05 (CASES.md): a confirm that arrives after the hold expired and the place was sold again. The box office decides
/// one command at a time, so "the confirm and the expiry together" is one of two orders, at one decision time each:
/// every order and every time around the deadline is tried here.
/// </summary>
public sealed class LatePaymentScenarioSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void C05_hanks_late_confirm_after_ivy_bought_the_place_is_refused_with_HoldExpired_and_sold_stays_one()
    {
        var box = TestBoxOffice.For(SingleCategory(1, 1, "E5"));
        var hank = box.Place("hank", 1, ttl: TimeSpan.FromSeconds(5));
        box.At(hank.ExpiresAt);
        box.Send(new ExpireHolds("E5"));
        box.Advance(TimeSpan.FromSeconds(1));

        var ivy = box.Place("ivy", 1, ttl: TimeSpan.FromSeconds(5));
        var ivyOrder = box.ConfirmHold(ivy.HoldId).Order;
        box.Refuse(new Confirm("E5", hank.HoldId), RejectionReason.HoldExpired);

        Assert.Equal("ivy", ivyOrder.BuyerId);
        Assert.Equal(new CategoryAvailability(General, 1, 1, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.DoesNotContain(box.State.OrdersByNumber.Values, o => o.BuyerId == "hank");
        Assert.False(box.State.TicketsPerBuyer.ContainsKey(new BuyerCategory("hank", General)));
        Assert.Single(box.State.TicketsByCode);
        AssertNeverConfirmedAndEnded(box.Journal);
        box.AssertRecoversTheSameState();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C05_race_a_confirm_and_the_expiry_around_the_deadline_exactly_one_takes_effect(bool expiryFirst)
    {
        // Confirm decided between 990 and 1010 ms of a 1 s TTL, in steps of 0.1 ms (200 runs), with the expiry timer
        // decided just before or just after it at the same instant.
        for (var run = 0; run < 200; run++)
        {
            var box = TestBoxOffice.For(SingleCategory(1, 1, "E5"));
            var hold = box.Place("hank", 1, ttl: TimeSpan.FromSeconds(1));
            box.At(Now + TimeSpan.FromMilliseconds(990) + TimeSpan.FromTicks(run * 1_000L));

            var first = box.Send(expiryFirst ? new ExpireHolds("E5") : new Confirm("E5", hold.HoldId));
            var second = box.Send(expiryFirst ? new Confirm("E5", hold.HoldId) : new ExpireHolds("E5"));
            var confirm = expiryFirst ? second : first;
            var expiry = expiryFirst ? first : second;

            var beforeDeadline = box.Clock < hold.ExpiresAt;
            Assert.Equal(run < 100, beforeDeadline);
            Assert.Equal(beforeDeadline, confirm.Reply is Purchased);
            Assert.Equal(beforeDeadline ? 0 : 1, Assert.IsType<HoldsExpired>(expiry.Reply).Count);
            if (!beforeDeadline)
            {
                Assert.Equal(RejectionReason.HoldExpired, Assert.IsType<Rejected>(confirm.Reply).Reason);
            }
            Assert.Equal(beforeDeadline ? HoldStatus.Confirmed : HoldStatus.Expired, box.State.Holds[hold.HoldId].Status);
            Assert.Equal(new CategoryAvailability(General, 1, beforeDeadline ? 1 : 0, 0, beforeDeadline ? 0 : 1), Assert.Single(box.State.Availability().Categories));
            Assert.Equal(beforeDeadline ? 1 : 0, box.State.TicketsByCode.Count);
            AssertNeverConfirmedAndEnded(box.Journal);
            Assert.Empty(box.State.InvariantViolations());
        }
    }

    [Fact]
    public void C05_race_one_tick_before_the_deadline_the_confirm_wins_at_the_deadline_the_expiry_wins()
    {
        var early = TestBoxOffice.For(SingleCategory(1, 1, "E5"));
        var hold = early.Place("hank", 1, ttl: TimeSpan.FromSeconds(1));
        early.At(hold.ExpiresAt.AddTicks(-1));
        early.ConfirmHold(hold.HoldId);
        Assert.Equal(new HoldsExpired("E5", 0, null), early.Send(new ExpireHolds("E5")).Reply);

        var late = TestBoxOffice.For(SingleCategory(1, 1, "E5"));
        hold = late.Place("hank", 1, ttl: TimeSpan.FromSeconds(1));
        late.At(hold.ExpiresAt);
        late.Refuse(new Confirm("E5", hold.HoldId), RejectionReason.HoldExpired);
        Assert.Equal(new HoldsExpired("E5", 1, null), late.Send(new ExpireHolds("E5")).Reply);

        AssertNeverConfirmedAndEnded(early.Journal);
        AssertNeverConfirmedAndEnded(late.Journal);
    }

    [Fact]
    public void C05_re_reserve_variant_a_late_confirm_with_stock_left_is_refused_and_no_ticket_or_order_exists_for_it()
    {
        // Decision: a late confirm never re-reserves; the buyer holds again. Status and tickets always agree.
        var box = TestBoxOffice.For(SingleCategory(10, 4, "E5"));
        var hank = box.Place("hank", 2, ttl: TimeSpan.FromSeconds(5));
        box.Advance(TimeSpan.FromSeconds(6));

        box.Refuse(new Confirm("E5", hank.HoldId), RejectionReason.HoldExpired);
        box.Send(new ExpireHolds("E5"));
        box.Refuse(new Confirm("E5", hank.HoldId), RejectionReason.HoldExpired);

        Assert.Equal(HoldStatus.Expired, box.State.Holds[hank.HoldId].Status);
        Assert.Null(box.State.Holds[hank.HoldId].OrderNumber);
        Assert.Empty(box.State.TicketsByCode);
        Assert.Empty(box.State.OrdersByNumber);
        Assert.Equal(new CategoryAvailability(General, 10, 0, 0, 10), Assert.Single(box.State.Availability().Categories));
        var again = box.Place("hank", 2);
        Assert.Equal(2, box.ConfirmHold(again.HoldId).Order.Quantity);
    }

    /// <summary>A hold has one end in the journal: never confirmed and also released or expired.</summary>
    private static void AssertNeverConfirmedAndEnded(IReadOnlyList<IBoxOfficeEvent> journal)
    {
        var ends = journal.Select(e => e switch
        {
            HoldConfirmed c => c.HoldId,
            HoldExpired x => x.HoldId,
            HoldReleased r => r.HoldId,
            _ => null,
        }).OfType<string>().ToList();
        Assert.Equal(ends.Count, ends.Distinct(StringComparer.Ordinal).Count());
    }
}
