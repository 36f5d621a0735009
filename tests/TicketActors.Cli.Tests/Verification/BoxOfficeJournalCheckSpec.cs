using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Verification;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Cli.Tests.Verification;

/// <summary>The replay and checks of one journal, without actors or a store: stored events in, verdict out.</summary>
public sealed class BoxOfficeJournalCheckSpec
{
    private static readonly DateTimeOffset At = new(2027, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sound_journal_has_no_violations_and_gives_what_it_sold()
    {
        var verified = Check(Created(capacity: 5), Issued(1, "b1", 1, 2), Issued(2, "b2", 3));

        Assert.Empty(verified.Violations);
        Assert.Equal(("e1", 3L, 5, 3, 0, 2), (verified.EventId, verified.JournalEvents, verified.Capacity, verified.Sold, verified.Held, verified.Available));
        Assert.Equal(SnapshotCheck.None, verified.Snapshot);
    }

    [Fact]
    public void Tickets_sold_past_the_capacity_break_the_invariants()
    {
        var verified = Check(Created(capacity: 2), Issued(1, "b1", 1, 2), Issued(2, "b2", 3));

        Assert.Equal(["category 'general': sold 3, held 0, available -1 over capacity 2"], verified.Violations);
    }

    [Fact]
    public void Tickets_issued_before_the_event_was_created_are_named_and_left_out_of_the_replay()
    {
        var verified = Check(Issued(1, "b1", 1), Created(capacity: 5), Issued(2, "b2", 2));

        Assert.Equal(["event 1 (order 1, buyer 'b1') issues tickets before the event was created; left out of the replay"], verified.Violations);
        Assert.Equal(1, verified.Sold);
    }

    [Fact]
    public void An_event_created_twice_and_an_unknown_category_are_named_and_left_out_of_the_replay()
    {
        var verified = Check(Created(capacity: 5), Created(capacity: 9),
            new TicketsIssued(1, "r1", "b1", "vip", [new Ticket(1, "code-1", "vip")], At));

        Assert.Equal(
            [
                "event 2 creates the event a second time; left out of the replay",
                "event 3 (order 1, buyer 'b1') issues tickets of category 'vip', which the event does not have; left out of the replay",
            ],
            verified.Violations);
        Assert.Equal((5, 0), (verified.Capacity, verified.Sold));
    }

    [Fact]
    public void A_request_id_used_by_two_orders_is_named()
    {
        var verified = Check(Created(capacity: 5), Issued(1, "b1", 1), Issued(2, "b2", 2) with { RequestId = "r1" });

        Assert.Equal(["request id 'r1' used by two orders: order 1 and event 3 (order 2, buyer 'b2'); left out of the replay"], verified.Violations);
    }

    [Fact]
    public void A_journal_that_does_not_start_at_sequence_number_1_or_repeats_one_is_named()
    {
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow);
        check.Accept(2, Created(capacity: 5));
        check.Accept(2, Issued(1, "b1", 1));
        check.Accept(3, Issued(2, "b2", 2));

        Assert.Equal(
            ["sequence numbers jump from 0 to 2: 1 missing", "sequence number 2 comes after 2: repeated or out of order"],
            check.Complete().Violations);
    }

    [Fact]
    public void A_journal_that_never_creates_the_event_is_named()
    {
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow);

        Assert.Equal(["the journal never creates the event"], check.Complete().Violations);
    }

    [Fact]
    public void A_group_commit_entry_is_checked_and_replayed_event_by_event_under_its_one_sequence_number()
    {
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow);
        check.Accept(1, Created(capacity: 5));
        check.Accept(2, new EventBatch([Issued(1, "b1", 1, 2), Issued(2, "b2", 3)]));
        check.Accept(3, new EventBatch([Issued(3, "b3", 4), Issued(4, "b4", 3)]));

        var verified = check.Complete();

        Assert.Equal(
            [
                "ticket serial 3 issued twice: by event 2 and by event 3 (order 4, buyer 'b4')",
                "ticket code code-3 issued twice: with serial 3 by event 2 and with serial 3 by event 3 (order 4, buyer 'b4'); left out of the replay",
            ],
            verified.Violations);
        Assert.Equal((5L, 4, 1), (verified.JournalEvents, verified.Sold, verified.Available));
    }

    [Fact]
    public void A_sound_journal_of_holds_confirms_releases_expiries_cancels_and_check_ins_verifies_and_its_snapshot_matches()
    {
        var (events, snapshot) = SalesJournal();
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow, (events.Count, snapshot));
        for (var i = 0; i < events.Count; i++)
        {
            check.Accept(i + 1, events[i]);
        }

        var verified = check.Complete();

        Assert.Empty(verified.Violations);
        Assert.Equal(new SnapshotCheck(SnapshotStatus.Matches, events.Count), verified.Snapshot);
        Assert.Equal((6, 2, 1, 3), (verified.Capacity, verified.Sold, verified.Held, verified.Available));
    }

    [Fact]
    public void A_snapshot_that_forgot_a_cancel_and_a_check_in_does_not_match_the_journal()
    {
        var (events, snapshot) = SalesJournal();
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow,
            (events.Count, snapshot with { CancelledSerials = null, CheckIns = null }));
        for (var i = 0; i < events.Count; i++)
        {
            check.Accept(i + 1, events[i]);
        }

        var verified = check.Complete();

        Assert.Equal(SnapshotStatus.Mismatch, verified.Snapshot.Status);
        var mismatch = Assert.Single(verified.Violations);
        Assert.Contains("0 cancelled tickets in the snapshot, 1 in the journal", mismatch, StringComparison.Ordinal);
        Assert.Contains("0 check-ins in the snapshot, 1 in the journal", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_both_confirmed_and_expired_is_named_and_its_tickets_stay_sold()
    {
        var verified = Check(Created(capacity: 5), Held("h1", 2), Confirmed("h1", 1, 1, 2), new HoldExpired("h1", At.AddMinutes(10)));

        Assert.Equal(["hold 'h1' was confirmed and then expired"], verified.Violations);
        Assert.Equal((2, 0, 3), (verified.Sold, verified.Held, verified.Available));
    }

    [Fact]
    public void Events_that_name_an_unknown_hold_order_or_ticket_are_named_and_left_out_of_the_replay()
    {
        var verified = Check(Created(capacity: 5), Issued(1, "b1", 1), Confirmed("h9", 2, 2),
            new TicketsCancelled(7, [1], At), new TicketsCancelled(1, [5], At), new TicketCheckedIn(1, "code-x", At), new HoldReleased("h9", At));

        Assert.Equal(
            [
                "event 3: unknown hold 'h9' is confirmed; left out of the replay",
                "event 4: unknown order 7 is cancelled; left out of the replay",
                "event 5: order 1 is cancelled with a serial that is not one of its tickets; left out of the replay",
                "event 6: ticket 1 with an unknown code is checked in; left out of the replay",
                "event 7: unknown hold 'h9' is released; left out of the replay",
            ],
            verified.Violations);
        Assert.Equal((1, 0), (verified.Sold, verified.Held));
    }

    [Fact]
    public void A_confirmed_hold_that_issues_a_serial_or_code_sold_before_is_named_and_left_out_of_the_replay()
    {
        var verified = Check(Created(capacity: 5), Issued(1, "b1", 1), Held("h1", 1), Confirmed("h1", 2, 1));

        Assert.Equal(
            [
                "ticket serial 1 issued twice: by event 2 and by event 4 (order 2, hold 'h1')",
                "ticket code code-1 issued twice: with serial 1 by event 2 and with serial 1 by event 4 (order 2, hold 'h1'); left out of the replay",
            ],
            verified.Violations);
        Assert.Equal((1, 1), (verified.Sold, verified.Held));
    }

    /// <summary>
    /// e1 (general: 6, limit 2) decided by the box office itself: b1 buys 2 and cancels one, b2 holds 1 and confirms,
    /// b3's hold is released, b4's expires, b5 holds 1 (live), one ticket is checked in, sales close.
    /// </summary>
    private static (List<IBoxOfficeEvent> Events, BoxOfficeSnapshot Snapshot) SalesJournal()
    {
        var state = new BoxOfficeState();
        var events = new List<IBoxOfficeEvent>();
        var now = At;
        var drawn = 0;
        var codes = new DelegateCodes(() => $"code-{++drawn}");
        Decide(new CreateEvent(Created(capacity: 6).Definition));
        var order = Assert.IsType<Purchased>(Decide(new Purchase("e1", "r1", "b1", "general", 2))).Order;
        Decide(new Cancel("e1", "b1", order.Number, [order.Tickets[0].Serial]));
        var confirmed = Assert.IsType<HoldPlaced>(Decide(new Hold("e1", "r2", "b2", "general", 1, TimeSpan.FromMinutes(5))));
        var released = Assert.IsType<HoldPlaced>(Decide(new Hold("e1", "r3", "b3", "general", 1, TimeSpan.FromMinutes(5))));
        Decide(new Hold("e1", "r4", "b4", "general", 1, TimeSpan.FromMinutes(1)));
        Decide(new Confirm("e1", confirmed.HoldId));
        Decide(new Release("e1", released.HoldId));
        now = now.AddMinutes(2);
        Assert.Equal(1, Assert.IsType<HoldsExpired>(Decide(new ExpireHolds("e1"))).Count);
        Decide(new Hold("e1", "r5", "b5", "general", 1, TimeSpan.FromMinutes(5)));
        Decide(new CheckIn("e1", order.Tickets[1].Code));
        Decide(new CloseSales("e1"));
        return (events, state.ToSnapshot());

        IBoxOfficeReply Decide(IBoxOfficeCommand command)
        {
            var decision = state.Decide(command, new DecisionContext(now, codes));
            Assert.True(decision.IsAccepted, $"{command}: {decision.Reply}");
            foreach (var @event in decision.Events)
            {
                state.Apply(@event);
                events.Add(@event);
            }
            return decision.Reply;
        }
    }

    private static EventVerification Check(params IBoxOfficeEvent[] events)
    {
        var check = new BoxOfficeJournalCheck("box-office-e1", BoxOfficeState.DefaultRequestIdWindow);
        for (var i = 0; i < events.Length; i++)
        {
            check.Accept(i + 1, events[i]);
        }
        return check.Complete();
    }

    private static EventCreated Created(int capacity) =>
        new(new EventDefinition("e1", "Event e1", At, [new TicketCategory("general", capacity, new Money(0, "EUR"), 2)]), At);

    private static TicketsIssued Issued(int order, string buyer, params int[] serials) =>
        new(order, $"r{order}", buyer, "general", [.. serials.Select(s => new Ticket(s, $"code-{s}", "general"))], At);

    private static TicketsHeld Held(string holdId, int quantity) =>
        new(holdId, $"req-{holdId}", $"buyer-{holdId}", "general", quantity, At, At.AddMinutes(10));

    private static HoldConfirmed Confirmed(string holdId, int order, params int[] serials) =>
        new(holdId, order, "general", [.. serials.Select(s => new Ticket(s, $"code-{s}", "general"))], At);

    private sealed class DelegateCodes(Func<string> next) : ITicketCodeGenerator
    {
        public string NewCode() => next();
    }
}
