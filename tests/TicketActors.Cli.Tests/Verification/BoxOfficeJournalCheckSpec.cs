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
}
