using System.Collections.Immutable;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

/// <summary>A restart rebuilds the state from the journal: it must be the same state, and it must go on where it stopped.</summary>
public sealed class ReplaySpec
{
    [Fact]
    public void Replaying_the_journal_rebuilds_exactly_the_same_state()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 3);
        box.Buy("bob", 2, Vip);
        box.Buy("alice", 1);
        box.Refuse(box.PurchaseOf("carol", 3, Vip), RejectionReason.LimitExceeded);

        var restarted = BoxOfficeState.Replay(box.Journal);

        StateSnapshot.Of(box.State).AssertEquivalentTo(StateSnapshot.Of(restarted));
        Assert.Equal(
            [new CategoryAvailability(General, 10, 4, 0, 6), new CategoryAvailability(Vip, 4, 2, 0, 2)],
            restarted.Availability().Categories.ToArray());
        Assert.Equal((6, 3), (restarted.LastSerial, restarted.LastOrderNumber));
        Assert.Empty(restarted.InvariantViolations());
    }

    [Fact]
    public void After_a_restart_sales_continue_with_the_next_serial_and_order_number_and_the_limits_still_count()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.Buy("bob", 2);
        var context = new DecisionContext(TestBoxOffice.Now, new SequentialTicketCodes());
        var restarted = BoxOfficeState.Replay(box.Journal);

        Expect.Rejected(restarted, new Purchase("E1", "req-x", "alice", General, 2), context, RejectionReason.LimitExceeded);
        var decision = restarted.Decide(new Purchase("E1", "req-y", "carol", General, 2), context);

        var purchased = Assert.IsType<Purchased>(decision.Reply);
        Assert.Equal((3, "6-7", 3), (purchased.Order.Number, purchased.Order.SerialRange, purchased.Remaining));
        Assert.Single(decision.Events);
    }

    [Fact]
    public void After_a_restart_a_code_generator_that_starts_over_still_never_issues_a_code_twice()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        var restarted = BoxOfficeState.Replay(box.Journal);

        // A fresh sequential generator hands out code-1, code-2, ... again: all three are taken.
        var decision = restarted.Decide(new Purchase("E1", "req-y", "bob", General, 2), new DecisionContext(TestBoxOffice.Now, new SequentialTicketCodes()));

        Assert.Equal(["code-4", "code-5"], Assert.IsType<Purchased>(decision.Reply).Order.Tickets.Select(t => t.Code));
    }

    [Fact]
    public void Replaying_no_events_gives_a_box_office_without_an_event()
    {
        var state = BoxOfficeState.Replay([]);

        Assert.Null(state.Event);
        Assert.Empty(state.Availability().Categories);
        Assert.Equal((0, 0), (state.LastSerial, state.LastOrderNumber));
    }

    [Fact]
    public void Apply_of_an_event_the_state_does_not_know_throws()
    {
        var state = new BoxOfficeState();

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Apply(new SomethingElseHappened()));
    }

    [Fact]
    public void InvariantViolations_reports_an_oversold_category_and_serials_issued_twice()
    {
        // Events the box office would never decide, applied directly, to show the check can fail.
        var state = BoxOfficeState.Replay([new EventCreated(SingleCategory(1, 1), TestBoxOffice.Now)]);
        state.Apply(Issued(1, "r1", new Ticket(1, "a", General)));
        state.Apply(Issued(2, "r2", new Ticket(1, "b", General)));

        var violations = state.InvariantViolations();

        Assert.Equal(2, violations.Count);
        Assert.Contains("sold 2, held 0, available -1", violations[0], StringComparison.Ordinal);
        Assert.Equal("1 ticket serials issued more than once", violations[1]);
    }

    private static TicketsIssued Issued(int order, string requestId, params Ticket[] tickets) =>
        new(order, requestId, $"buyer-{order}", General, [.. tickets], TestBoxOffice.Now);

    private sealed record SomethingElseHappened : IBoxOfficeEvent;
}
