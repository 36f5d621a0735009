using Akka.Actor;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>
/// Group commit: while one write is in flight, the box office keeps deciding, and everything it decided meanwhile is
/// stored by the next write as one journal entry. Akka.Persistence.TestKit's journal holds the first write back on cue.
/// </summary>
public sealed class GroupCommitSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon)
{
    private ITestJournal Journal => ControlledJournal;

    [Fact]
    public async Task Sales_decided_while_a_write_is_in_flight_are_stored_together_as_one_entry_and_replied_after_it()
    {
        var (boxOffice, release) = await BoxOfficeWithFirstSaleHeldBack("group", capacity: 10);
        var buyers = Enumerable.Range(1, 4).Select(_ => CreateTestProbe()).ToList();
        for (var i = 0; i < buyers.Count; i++)
        {
            boxOffice.Tell(new Purchase("group", $"k-{i + 1}", $"buyer-{i + 1}", "general", 2), buyers[i].Ref);
        }
        var query = CreateTestProbe();
        boxOffice.Tell(new GetAvailability("group"), query.Ref);
        WaitUntilDecided(boxOffice, "group");

        // Decided, not stored: nobody has an answer yet, not even the query (it read unstored sales).
        foreach (var probe in buyers.Append(query))
        {
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }

        release.SetResult(true);
        var orders = buyers.Select(b => b.ExpectMsg<Purchased>(Patience).Order).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], orders.SelectMany(o => o.Tickets).Select(t => t.Serial));
        var availability = query.ExpectMsg<Availability>(Patience);
        Assert.Equal((8, 2), (availability.Sold, availability.Available));

        // k-1's own write, then one entry for the three sales decided while it was in flight.
        var entries = JournalEntriesOf("group");
        Assert.Equal(3, entries.Count);
        Assert.IsType<EventCreated>(entries[0]);
        Assert.Equal("k-1", Assert.IsType<TicketsIssued>(entries[1]).RequestId);
        Assert.Equal(["k-2", "k-3", "k-4"], Assert.IsType<EventBatch>(entries[2]).Events.Cast<TicketsIssued>().Select(e => e.RequestId));

        // A new incarnation recovers the batch's sales one by one: same stock, same orders on a retry.
        Watch(boxOffice);
        Sys.Stop(boxOffice);
        ExpectTerminated(boxOffice, Patience);
        var recovered = Sys.ActorOf(TicketBoxOfficeActor.Props("group", BoxOfficeSettings.Default), "group-again");
        recovered.Tell(new GetAvailability("group"), TestActor);
        var again = ExpectMsg<Availability>(Patience);
        Assert.Equal((8, 2), (again.Sold, again.Available));
        recovered.Tell(new Purchase("group", "k-3", "buyer-3", "general", 2), TestActor);
        var retry = ExpectMsg<Purchased>(Patience).Order;
        Assert.Equal((orders[2].Number, orders[2].IssuedAt), (retry.Number, retry.IssuedAt));
        Assert.Equal<Ticket>(orders[2].Tickets, retry.Tickets);
    }

    [Fact]
    public async Task When_the_write_in_flight_fails_its_buyer_and_the_buyers_decided_after_it_all_get_Unavailable_and_nothing_is_stored()
    {
        var boxOffice = Sys.ActorOf(TicketBoxOfficeActor.Props("lost", BoxOfficeSettings.Default), "lost");
        boxOffice.Tell(new CreateEvent(Event("lost", 10, limit: 2)), TestActor);
        ExpectMsg<EventAccepted>(Patience);
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Journal.OnWrite.FailIf(async message => message.SequenceNr == 2 && await release.Task);
        var buyers = Enumerable.Range(1, 3).Select(_ => CreateTestProbe()).ToList();
        for (var i = 0; i < buyers.Count; i++)
        {
            boxOffice.Tell(new Purchase("lost", $"k-{i + 1}", $"buyer-{i + 1}", "general", 1), buyers[i].Ref);
        }
        WaitUntilDecided(boxOffice, "lost");

        release.SetResult(true);
        for (var i = 0; i < buyers.Count; i++)
        {
            var rejected = buyers[i].ExpectMsg<Rejected>(Patience);
            Assert.Equal((RejectionReason.Unavailable, $"k-{i + 1}"), (rejected.Reason, rejected.RequestId));
            buyers[i].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }
        Assert.IsType<EventCreated>(Assert.Single(JournalEntriesOf("lost")));
    }

    private void WaitUntilDecided(IActorRef boxOffice, string eventId)
    {
        // A rejection is answered at once, after everything before it in the mailbox was decided.
        boxOffice.Tell(new Purchase(eventId, "probe", "probe-buyer", "no-such-category", 1), TestActor);
        Assert.Equal(RejectionReason.UnknownCategory, ExpectMsg<Rejected>(Patience).Reason);
    }

    /// <summary>A created box office whose next journal write (sequence number 2) waits until the returned source is set.</summary>
    private async Task<(IActorRef BoxOffice, TaskCompletionSource<bool> Release)> BoxOfficeWithFirstSaleHeldBack(string eventId, int capacity)
    {
        var boxOffice = Sys.ActorOf(TicketBoxOfficeActor.Props(eventId, BoxOfficeSettings.Default), eventId);
        boxOffice.Tell(new CreateEvent(Event(eventId, capacity, limit: 2)), TestActor);
        ExpectMsg<EventAccepted>(Patience);
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Journal.OnWrite.FailIf(async message => message.SequenceNr == 2 && !await release.Task);
        return (boxOffice, release);
    }
}
