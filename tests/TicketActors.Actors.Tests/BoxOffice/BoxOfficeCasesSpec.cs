using Akka.TestKit;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>CASES.md C01, C02, C03 and the purchase parts of C10, against the real actors.</summary>
public sealed class BoxOfficeCasesSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    [Fact]
    public void C01_fifty_buyers_for_five_tickets_sell_exactly_five()
    {
        Create(Event("e1", capacity: 5));

        var replies = BuyAtOnce("e1", Enumerable.Range(1, 50).Select(i => new Purchase("e1", $"key-{i}", $"buyer-{i}", "general", 1)));

        Assert.Equal(5, replies.OfType<Purchased>().Count());
        Assert.Equal(45, replies.OfType<Rejected>().Count(r => r.Reason == RejectionReason.SoldOut));
        AssertAvailability("e1", sold: 5, available: 0);
        StopBoxOffice("e1");
        AssertAvailability("e1", sold: 5, available: 0);
        Assert.Equal(5, JournalOf("e1").OfType<TicketsIssued>().Count());
    }

    [Fact]
    public void C01_the_smallest_race_has_exactly_one_winner_every_time()
    {
        for (var run = 1; run <= 20; run++)
        {
            var eventId = $"e1-race-{run}";
            Create(Event(eventId, capacity: 1));

            var replies = BuyAtOnce(eventId, [new Purchase(eventId, "a", "alice", "general", 1), new Purchase(eventId, "b", "bob", "general", 1)]);

            Assert.Single(replies.OfType<Purchased>());
            Assert.Equal(RejectionReason.SoldOut, Assert.Single(replies.OfType<Rejected>()).Reason);
            AssertAvailability(eventId, sold: 1, available: 0);
        }
    }

    [Fact]
    public void C02_two_carts_that_fit_alone_but_not_together_sell_one()
    {
        Create(Event("e2", capacity: 10, limit: 6));

        var replies = BuyAtOnce("e2", [new Purchase("e2", "a", "alice", "general", 6), new Purchase("e2", "b", "bob", "general", 6)]);

        Assert.Equal(6, Assert.Single(replies.OfType<Purchased>()).Order.Quantity);
        var rejected = Assert.Single(replies.OfType<Rejected>());
        Assert.Equal((RejectionReason.InsufficientTickets, 4), (rejected.Reason, rejected.Available));
        AssertAvailability("e2", sold: 6, available: 4);
    }

    [Fact]
    public void C02_random_quantities_never_sell_more_than_the_capacity()
    {
        Create(Event("e2b", capacity: 25, limit: 4));
        var random = new Random(2024);
        var purchases = Enumerable.Range(1, 30).Select(i => new Purchase("e2b", $"k-{i}", $"buyer-{i}", "general", random.Next(1, 5))).ToList();

        var replies = BuyAtOnce("e2b", purchases);

        var sold = replies.OfType<Purchased>().Sum(p => p.Order.Quantity);
        Assert.True(sold <= 25, $"sold {sold} of 25");
        foreach (var rejected in replies.OfType<Rejected>())
        {
            var asked = purchases.Single(p => p.RequestId == rejected.RequestId).Quantity;
            Assert.Contains(rejected.Reason, new[] { RejectionReason.SoldOut, RejectionReason.InsufficientTickets });
            Assert.True(rejected.Available < asked, $"{rejected.RequestId} asked {asked} with {rejected.Available} available");
        }
        AssertAvailability("e2b", sold: sold, available: 25 - sold);
        Assert.Equal(sold, replies.OfType<Purchased>().SelectMany(p => p.Order.Tickets).Select(t => t.Serial).Distinct().Count());
    }

    [Fact]
    public void C03_a_hundred_buyers_for_ten_tickets_sell_exactly_ten()
    {
        Create(Event("e3", capacity: 10));

        var replies = BuyAtOnce("e3", Enumerable.Range(1, 100).Select(i => new Purchase("e3", $"k-{i}", $"buyer-{i}", "general", 1)));

        Assert.Equal(10, replies.OfType<Purchased>().Count());
        AssertAvailability("e3", sold: 10, available: 0);
    }

    [Fact]
    public void C03_a_rejected_oversized_request_leaves_no_trace()
    {
        Create(Event("e3b", capacity: 3, limit: 3));

        var oversized = Assert.IsType<Rejected>(Buy("e3b", "carol-1", "carol", 5));
        Assert.Equal(RejectionReason.LimitExceeded, oversized.Reason);
        Assert.Single(JournalOf("e3b"));
        foreach (var k in new[] { 1, 2, 3 })
        {
            Assert.IsType<Purchased>(Buy("e3b", $"dave-{k}", $"dave-{k}", 1));
        }
        AssertAvailability("e3b", sold: 3, available: 0);
    }

    [Fact]
    public void C03_a_request_for_more_than_is_left_is_refused_by_stock_and_leaves_no_trace()
    {
        Create(Event("e3d", capacity: 3, limit: 3));
        Assert.IsType<Purchased>(Buy("e3d", "frank-1", "frank", 2));

        var tooMany = Assert.IsType<Rejected>(Buy("e3d", "grace-1", "grace", 2));

        Assert.Equal((RejectionReason.InsufficientTickets, (int?)1), (tooMany.Reason, tooMany.Available));
        Assert.Equal(2, JournalOf("e3d").Count);
        AssertAvailability("e3d", sold: 2, available: 1);
        Assert.IsType<Purchased>(Buy("e3d", "grace-2", "grace", 1));
        AssertAvailability("e3d", sold: 3, available: 0);
    }

    [Fact]
    public void C03_a_buyer_clicking_twenty_times_gets_one_ticket_and_the_rest_stays_for_sale()
    {
        Create(Event("e3c", capacity: 10, limit: 1));

        var replies = BuyAtOnce("e3c", Enumerable.Range(1, 20).Select(i => new Purchase("e3c", $"erin-{i}", "erin", "general", 1)));

        Assert.Single(replies.OfType<Purchased>());
        Assert.Equal(19, replies.OfType<Rejected>().Count(r => r.Reason == RejectionReason.LimitExceeded));
        AssertAvailability("e3c", sold: 1, available: 9);
    }

    [Theory]
    [InlineData(11, RejectionReason.LimitExceeded)]
    [InlineData(0, RejectionReason.InvalidQuantity)]
    [InlineData(-1, RejectionReason.InvalidQuantity)]
    [InlineData(int.MinValue, RejectionReason.InvalidQuantity)]
    [InlineData(int.MaxValue, RejectionReason.LimitExceeded)]
    public void C10_a_bad_quantity_is_rejected_writes_nothing_and_the_box_office_keeps_selling(int quantity, RejectionReason reason)
    {
        Create(Event("e10", capacity: 55, limit: 10));

        var rejected = Assert.IsType<Rejected>(Buy("e10", "bad", "mallory", quantity));

        Assert.Equal(reason, rejected.Reason);
        Assert.Single(JournalOf("e10"));
        AssertAvailability("e10", sold: 0, available: 55);
        Assert.IsType<Purchased>(Buy("e10", "good", "mallory", 10));
        AssertAvailability("e10", sold: 10, available: 45);
    }

    [Fact]
    public void C10_asking_for_more_than_is_left_says_how_many_are_left()
    {
        Create(Event("e10b", capacity: 55, limit: 10));
        for (var i = 1; i <= 5; i++)
        {
            Assert.IsType<Purchased>(Buy("e10b", $"k-{i}", $"buyer-{i}", 10));
        }

        var rejected = Assert.IsType<Rejected>(Buy("e10b", "k-6", "buyer-6", 6));

        Assert.Equal((RejectionReason.InsufficientTickets, 5), (rejected.Reason, rejected.Available));
        Assert.Equal(6, JournalOf("e10b").Count);
        Assert.IsType<Purchased>(Buy("e10b", "k-7", "buyer-6", 5));
        AssertAvailability("e10b", sold: 55, available: 0);
    }

    /// <summary>Every purchase sent at the same moment from its own thread and its own probe; one reply each.</summary>
    private List<IBoxOfficeReply> BuyAtOnce(string eventId, IEnumerable<Purchase> purchases)
    {
        var senders = purchases.Select(p => (Purchase: p, Probe: CreateTestProbe())).ToList();
        // Dedicated threads, not the thread pool: a hundred pool threads blocked on a barrier would starve the actors.
        using var barrier = new Barrier(senders.Count);
        var threads = senders.Select(sender => new Thread(() =>
        {
            barrier.SignalAndWait(Patience);
            Registry.Tell(sender.Purchase, sender.Probe.Ref);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join(Patience));
        var replies = senders.Select(s => s.Probe.ExpectMsg<IBoxOfficeReply>(Patience)).ToList();
        foreach (var (_, probe) in senders)
        {
            probe.ExpectNoMsg(TimeSpan.Zero);
        }
        Assert.All(replies, r => Assert.Equal(eventId, r.EventId));
        return replies;
    }

    private void AssertAvailability(string eventId, int sold, int available)
    {
        var availability = AvailabilityOf(eventId);
        Assert.Equal((sold, 0, available), (availability.Sold, availability.Held, availability.Available));
        Assert.Equal(availability.Capacity, availability.Sold + availability.Held + availability.Available);
    }
}
