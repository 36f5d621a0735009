using TicketActors.Actors.Tests.Support;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>
/// CASES C17: the journal loses its connection during one write. The buyer gets Unavailable, never a success; the box
/// office stops, the registry starts it again after its backoff, and it recovers the true state before the next purchase.
/// </summary>
public sealed class WriteFailureSequenceSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon + """
    ticketactors.box-office { min-backoff = 200ms, max-backoff = 1s }
    """)
{
    [Fact]
    public async Task C17_the_third_of_five_sequential_purchases_fails_to_store_and_sold_counts_exactly_the_four_successes()
    {
        Create(Event("e17", capacity: 10));
        await ControlledJournal.OnWrite.SetInterceptorAsync(new FailNthWrite(3, payload => payload is TicketsIssued));
        var firstIncarnation = BoxOfficeOf("e17");
        Watch(firstIncarnation);

        var replies = new List<IBoxOfficeReply>
        {
            Buy("e17", "key-1", "buyer-1", 1),
            Buy("e17", "key-2", "buyer-2", 1),
            Buy("e17", "key-3", "buyer-3", 1),
        };
        ExpectTerminated(firstIncarnation, Patience);
        AwaitRegistrySawStop("e17");
        replies.Add(SendPastBackoff(new Purchase("e17", "key-4", "buyer-4", "general", 1)));
        var secondIncarnation = BoxOfficeOf("e17");
        replies.Add(Buy("e17", "key-5", "buyer-5", 1));

        Assert.Equal([typeof(Purchased), typeof(Purchased), typeof(Rejected), typeof(Purchased), typeof(Purchased)], replies.Select(r => r.GetType()));
        var failed = (Rejected)replies[2];
        Assert.Equal((RejectionReason.Unavailable, "key-3"), (failed.Reason, failed.RequestId));
        var sales = replies.OfType<Purchased>().Select(p => p.Order).ToList();
        Assert.Equal(["key-1", "key-2", "key-4", "key-5"], sales.Select(o => o.RequestId));
        Assert.Equal([1, 2, 3, 4], sales.Select(o => o.Number));
        Assert.Equal([1, 2, 3, 4], sales.SelectMany(o => o.Tickets).Select(t => t.Serial));
        Assert.NotEqual(firstIncarnation, secondIncarnation);
        AssertSold("e17", 4);
        Assert.Equal(["key-1", "key-2", "key-4", "key-5"], JournalOf("e17").OfType<TicketsIssued>().Select(e => e.RequestId));

        StopBoxOffice("e17");
        AssertSold("e17", 4);
        var retried = Assert.IsType<Purchased>(Buy("e17", "key-4", "buyer-4", 1));
        Assert.Equal(sales[2].Tickets.ToArray(), retried.Order.Tickets.ToArray());
    }

    /// <summary>
    /// When a write fails the box office stops, and Akka drops every command still in its mailbox (sent before the
    /// registry saw it stop) as a dead letter. Each of those buyers is still owed a reply: here they keep asking for
    /// the availability while the write fails, and every one must get an answer (the availability, or Unavailable).
    /// </summary>
    [Fact]
    public async Task Every_command_in_flight_when_a_write_fails_gets_a_reply()
    {
        Create(Event("e17q", capacity: 10));
        var gate = new JournalGate();
        await ControlledJournal.OnWrite.SetInterceptorAsync(gate);
        var buyer = CreateTestProbe();
        Registry.Tell(new Purchase("e17q", "k-1", "buyer-1", "general", 1), buyer.Ref);
        AwaitCondition(() => gate.Held == 1, Patience);

        var sent = 0;
        while (!buyer.HasMessages && sent < 20_000)
        {
            Registry.Tell(new GetAvailability("e17q"), TestActor);
            if (++sent == 100)
            {
                gate.Fail();
            }
        }
        var replies = ReceiveWhile(reply => (IBoxOfficeReply)reply, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), sent);
        await ControlledJournal.OnWrite.Pass();

        Assert.Equal(RejectionReason.Unavailable, buyer.ExpectMsg<Rejected>().Reason);
        Assert.True(sent == replies.Count, $"{sent - replies.Count} of {sent} commands sent while the write failed got no reply");
        Assert.All(replies, reply => Assert.True(reply is Rejected { Reason: RejectionReason.Unavailable } or Availability { Sold: 0 }, $"{reply}"));
        AssertSold("e17q", 0);
    }

    private void AssertSold(string eventId, int sold)
    {
        var availability = Assert.IsType<Availability>(SendPastBackoff(new GetAvailability(eventId)));
        Assert.Equal((sold, 0, 10 - sold), (availability.Sold, availability.Held, availability.Available));
    }

}
