using System.Diagnostics;
using TicketActors.Actors.Tests.Support;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>
/// CASES C19: a journal that stalls and answers nothing. The box office gives up a write after the write timeout
/// (500 ms here): its buyers get Unavailable, it stops, and the registry starts it again after a backoff; once the store
/// is back it sells again without restarting the actor system. The stall is a <see cref="JournalGate"/> on every write,
/// opened by the spec, so whether the stalled write is stored in the end is decided by the spec, not by timing.
/// </summary>
public sealed class JournalStallSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon + """
    ticketactors.box-office {
      write-timeout = 500ms
      min-backoff = 200ms
      max-backoff = 1s
      snapshot-every = 2
    }
    """)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task C19_a_stalled_write_gets_Unavailable_in_time_and_when_it_is_stored_later_a_retry_returns_that_order()
    {
        Create(Event("e19", capacity: 10));
        var first = Assert.IsType<Purchased>(Buy("e19", "k-0", "buyer-0", 1));
        var gate = new JournalGate();
        await ControlledJournal.OnWrite.SetInterceptorAsync(gate);
        var boxOffice = BoxOfficeOf("e19");
        Watch(boxOffice);

        var stalled = PurchaseThatStalls(new Purchase("e19", "k-1", "buyer-1", "general", 1));
        ExpectTerminated(boxOffice, Bound);
        gate.Pass();
        await ControlledJournal.OnWrite.Pass();

        var stored = AwaitStored("e19", "k-1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        AwaitRegistrySawStop("e19");
        var retry = Assert.IsType<Purchased>(SendPastBackoff(new Purchase("e19", "k-1", "buyer-1", "general", 1)));
        Assert.Equal((RejectionReason.Unavailable, "k-1"), (stalled.Reason, stalled.RequestId));
        Assert.Equal(2, retry.Order.Number);
        Assert.Equal(stored.Tickets.ToArray(), retry.Order.Tickets.ToArray());
        Assert.Equal([2], retry.Order.Tickets.Select(t => t.Serial));
        Assert.NotEqual(first.Order.Tickets[0].Code, retry.Order.Tickets[0].Code);
        AssertSold("e19", 2);
        Assert.Equal(["k-0", "k-1"], JournalOf("e19").OfType<TicketsIssued>().Select(e => e.RequestId));
        var next = Assert.IsType<Purchased>(Buy("e19", "k-2", "buyer-2", 1));
        Assert.Equal([3], next.Order.Tickets.Select(t => t.Serial));
        StopBoxOffice("e19");
        AssertSold("e19", 3);
    }

    [Fact]
    public async Task C19_a_stalled_write_that_fails_in_the_end_is_not_counted_and_a_retry_with_the_same_request_id_buys_once()
    {
        Create(Event("e19f", capacity: 10));
        Assert.IsType<Purchased>(Buy("e19f", "k-0", "buyer-0", 1));
        var gate = new JournalGate();
        await ControlledJournal.OnWrite.SetInterceptorAsync(gate);
        var boxOffice = BoxOfficeOf("e19f");
        Watch(boxOffice);

        var stalled = PurchaseThatStalls(new Purchase("e19f", "k-1", "buyer-1", "general", 1));
        ExpectTerminated(boxOffice, Bound);
        gate.Fail();
        await ControlledJournal.OnWrite.Pass();
        AwaitRegistrySawStop("e19f");

        var retry = Assert.IsType<Purchased>(SendPastBackoff(new Purchase("e19f", "k-1", "buyer-1", "general", 1)));
        var again = Assert.IsType<Purchased>(Buy("e19f", "k-1", "buyer-1", 1));
        Assert.Equal((RejectionReason.Unavailable, "k-1"), (stalled.Reason, stalled.RequestId));
        Assert.Equal(2, retry.Order.Number);
        Assert.Equal([2], retry.Order.Tickets.Select(t => t.Serial));
        Assert.Equal(retry.Order.Tickets.ToArray(), again.Order.Tickets.ToArray());
        AssertSold("e19f", 2);
        Assert.Equal(["k-0", "k-1"], JournalOf("e19f").OfType<TicketsIssued>().Select(e => e.RequestId));
        StopBoxOffice("e19f");
        AssertSold("e19f", 2);
    }

    [Fact]
    public async Task C19_while_the_store_stalls_every_event_answers_in_time_and_afterwards_each_sells_exactly_what_it_confirmed()
    {
        var events = Enumerable.Range(1, 5).Select(i => $"e19-{i}").ToList();
        events.ForEach(id => Create(Event(id, capacity: 10)));
        var gate = new JournalGate();
        await ControlledJournal.OnWrite.SetInterceptorAsync(gate);
        var buyers = events.Select(id => (EventId: id, Probe: CreateTestProbe())).ToList();

        var started = Stopwatch.StartNew();
        buyers.ForEach(b => Registry.Tell(new Purchase(b.EventId, "k-1", "buyer-1", "general", 1), b.Probe.Ref));
        var replies = buyers.Select(b => b.Probe.ExpectMsg<IBoxOfficeReply>(Bound)).ToList();
        var answeredWithin = started.Elapsed;
        gate.Fail();
        await ControlledJournal.OnWrite.Pass();

        Assert.All(replies, r => Assert.Equal(RejectionReason.Unavailable, Assert.IsType<Rejected>(r).Reason));
        Assert.True(answeredWithin < Bound, $"the stalled purchases were answered after {answeredWithin}");
        Assert.Equal(5, gate.Held);
        foreach (var (eventId, probe) in buyers)
        {
            probe.ExpectNoMsg(TimeSpan.Zero);
            AwaitRegistrySawStop(eventId);
            var retry = Assert.IsType<Purchased>(SendPastBackoff(new Purchase(eventId, "k-1", "buyer-1", "general", 1)));
            Assert.Equal([1], retry.Order.Tickets.Select(t => t.Serial));
            AssertSold(eventId, 1);
        }
    }

    /// <summary>
    /// A command that arrives while the box office waits for its writes before a snapshot is stashed; when the write
    /// times out, Akka drops the stash with the actor (dead letters). That buyer is still owed a reply: Unavailable.
    /// </summary>
    [Fact]
    public async Task C19_a_command_waiting_behind_a_snapshot_when_the_write_times_out_gets_Unavailable_too()
    {
        Create(Event("e19s", capacity: 10));
        var gate = new JournalGate();
        await ControlledJournal.OnWrite.SetInterceptorAsync(gate);
        var first = CreateTestProbe();
        var second = CreateTestProbe();

        // snapshot-every = 2: the event and this purchase make two, so the box office waits for this write to snapshot.
        Registry.Tell(new Purchase("e19s", "k-1", "buyer-1", "general", 1), first.Ref);
        Registry.Tell(new Purchase("e19s", "k-2", "buyer-2", "general", 1), second.Ref);
        var firstReply = first.ExpectMsg<Rejected>(Bound);
        var secondReply = second.ReceiveOne(Bound) as IBoxOfficeReply;
        gate.Fail();
        await ControlledJournal.OnWrite.Pass();

        Assert.Equal((RejectionReason.Unavailable, "k-1"), (firstReply.Reason, firstReply.RequestId));
        Assert.True(secondReply is not null, "the purchase stashed behind the snapshot got no reply at all");
        var rejected = Assert.IsType<Rejected>(secondReply);
        Assert.Equal((RejectionReason.Unavailable, "k-2"), (rejected.Reason, rejected.RequestId));
        AwaitRegistrySawStop("e19s");
        Assert.IsType<Purchased>(SendPastBackoff(new Purchase("e19s", "k-2", "buyer-2", "general", 1)));
        AssertSold("e19s", 1);
    }

    /// <summary>Sends a purchase whose write the gate holds: the answer is Unavailable, after the write timeout and within the bound, and nothing follows it.</summary>
    private Rejected PurchaseThatStalls(Purchase purchase)
    {
        var started = Stopwatch.StartNew();
        Registry.Tell(purchase, TestActor);
        var reply = ExpectMsg<IBoxOfficeReply>(Bound);
        var waited = started.Elapsed;
        var rejected = Assert.IsType<Rejected>(reply);
        Assert.True(waited >= WriteTimeout, $"answered after {waited.TotalMilliseconds} ms, before the write timeout");
        return rejected;
    }

    /// <summary>Waits until the journal holds the purchase whose write was stalled, and returns its event.</summary>
    private TicketsIssued AwaitStored(string eventId, string requestId)
    {
        TicketsIssued? stored = null;
        AwaitAssert(() => stored = Assert.Single(JournalOf(eventId).OfType<TicketsIssued>(), e => e.RequestId == requestId), Patience);
        return stored!;
    }

    private void AssertSold(string eventId, int sold)
    {
        var availability = Assert.IsType<Availability>(SendPastBackoff(new GetAvailability(eventId)));
        Assert.Equal((sold, 0, 10 - sold), (availability.Sold, availability.Held, availability.Available));
    }
}
