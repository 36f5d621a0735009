using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>Check-in at the door: a code is admitted once; a second scan says when the first was.</summary>
public sealed class CheckInSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void CheckIn_admits_a_sold_ticket_and_counts_it_as_checked_in()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 2);
        box.Buy("bob", 1, Vip);
        box.Advance(TimeSpan.FromDays(30));

        var decision = box.Send(new CheckIn("E1", "code-3"));

        Assert.Equal(new CheckedIn("E1", 3, Vip, Now.AddDays(30)), decision.Reply);
        Assert.Equal(new TicketCheckedIn(3, "code-3", Now.AddDays(30)), Assert.Single(decision.Events));
        Assert.Equal(
            [new CategoryAvailability(General, 10, 2, 0, 8), new CategoryAvailability(Vip, 4, 1, 0, 3, CheckedIn: 1)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal(1, box.State.Availability().CheckedIn);
        Assert.Equal(Now.AddDays(30), box.State.CheckIns[3]);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void A_second_scan_is_refused_with_AlreadyCheckedIn_and_the_time_of_the_first()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1);
        box.Send(new CheckIn("E1", "code-1"));
        box.Advance(TimeSpan.FromMinutes(7));

        var rejected = box.Refuse(new CheckIn("E1", "code-1"), RejectionReason.AlreadyCheckedIn, checkedInAt: Now);

        Assert.Equal($"ticket 1 was checked in at {Now:O}", rejected.Message);
        Assert.Equal(1, Assert.Single(box.State.Availability().Categories).CheckedIn);
    }

    [Theory]
    [InlineData("code-9", RejectionReason.UnknownTicket)]
    [InlineData("CODE-1", RejectionReason.UnknownTicket)]
    [InlineData("", RejectionReason.InvalidRequest)]
    [InlineData(" ", RejectionReason.InvalidRequest)]
    public void A_code_the_event_did_not_issue_is_refused(string code, RejectionReason reason)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1);

        box.Refuse(new CheckIn("E1", code), reason);
    }

    [Fact]
    public void A_code_longer_than_any_issued_is_refused_with_InvalidRequest()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new CheckIn("E1", new string('c', Purchase.MaxIdLength + 1)), RejectionReason.InvalidRequest);
    }

    [Fact]
    public void A_cancelled_ticket_is_refused_with_TicketCancelled()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);
        box.CancelTickets("alice", 1, [2], [2]);

        var rejected = box.Refuse(new CheckIn("E1", "code-2"), RejectionReason.TicketCancelled);

        Assert.Equal("ticket 2 was cancelled and is not valid", rejected.Message);
        Assert.Equal(new CheckedIn("E1", 1, General, Now), box.Send(new CheckIn("E1", "code-1")).Reply);
    }

    [Fact]
    public void A_ticket_from_a_confirmed_hold_is_admitted()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var order = box.ConfirmHold(box.Place("alice", 1).HoldId).Order;

        var decision = box.Send(new CheckIn("E1", order.Tickets[0].Code));

        Assert.Equal(new CheckedIn("E1", 1, General, Now), decision.Reply);
    }

    [Fact]
    public void CheckIn_for_another_event_or_before_the_event_exists_is_UnknownEvent()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1);

        box.Refuse(new CheckIn("E2", "code-1"), RejectionReason.UnknownEvent);
        new TestBoxOffice().Refuse(new CheckIn("E1", "code-1"), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void Check_ins_survive_a_restart_and_a_snapshot_and_a_scan_after_them_still_tells_the_first_time()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);
        box.Send(new CheckIn("E1", "code-2"));
        box.Advance(TimeSpan.FromMinutes(1));

        var (replayed, restored) = box.AssertRecoversTheSameState();

        foreach (var state in new[] { replayed, restored })
        {
            Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8, CheckedIn: 1), Assert.Single(state.Availability().Categories));
            Expect.Rejected(state, new CheckIn("E1", "code-2"), box.Context, RejectionReason.AlreadyCheckedIn, checkedInAt: Now);
        }
    }
}
