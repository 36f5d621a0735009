using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>
/// C01, C02 and C03 (CASES.md) at the domain level. The box office actor decides concurrent commands one at a time, in
/// whatever order they arrive: here every arrival order is a sequence of decide + apply, so the counts are exact.
/// </summary>
public sealed class OversellScenariosSpec
{
    [Fact]
    public void C01_fifty_buyers_for_five_tickets_sell_exactly_five()
    {
        var box = TestBoxOffice.For(SingleCategory(5, 1));
        var replies = new List<IBoxOfficeReply>();

        for (var i = 1; i <= 50; i++)
        {
            replies.Add(box.Attempt(new Purchase("E1", $"key-{i}", $"buyer-{i}", General, 1)));
        }

        var sold = replies.OfType<Purchased>().ToList();
        var refused = replies.OfType<Rejected>().ToList();
        Assert.Equal(5, sold.Count);
        Assert.Equal(45, refused.Count);
        Assert.All(refused, r => Assert.Equal((RejectionReason.SoldOut, 0), (r.Reason, r.Available)));
        Assert.Equal(["buyer-1", "buyer-2", "buyer-3", "buyer-4", "buyer-5"], sold.Select(p => p.Order.BuyerId));
        Assert.Equal([1, 2, 3, 4, 5], sold.Select(p => p.Order.Tickets[0].Serial));
        Assert.Equal([4, 3, 2, 1, 0], sold.Select(p => p.Remaining));
        Assert.Equal(new CategoryAvailability(General, 5, 5, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(5, box.Journal.OfType<TicketsIssued>().Count());
        Assert.Equal(6, box.Journal.Count);

        var restarted = BoxOfficeState.Replay(box.Journal);
        Assert.Equal(new CategoryAvailability(General, 5, 5, 0, 0), Assert.Single(restarted.Availability().Categories));
        Assert.Equal((5, 5, 5), (restarted.LastSerial, restarted.OrdersByRequestId.Count, restarted.TicketsByCode.Count));
        Expect.Rejected(restarted, new Purchase("E1", "key-51", "buyer-51", General, 1), box.Context, RejectionReason.SoldOut, 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C01_two_buyers_for_the_last_ticket_have_exactly_one_winner_whoever_comes_first(bool bobFirst)
    {
        for (var run = 0; run < 20; run++)
        {
            var box = TestBoxOffice.For(SingleCategory(1, 1));
            var alice = new Purchase("E1", $"key-a-{run}", "alice", General, 1);
            var bob = new Purchase("E1", $"key-b-{run}", "bob", General, 1);
            var (first, second) = bobFirst ? (bob, alice) : (alice, bob);

            var winner = Assert.IsType<Purchased>(box.Send(first).Reply);
            var loser = box.Refuse(second, RejectionReason.SoldOut, available: 0);

            Assert.Equal(first.BuyerId, winner.Order.BuyerId);
            Assert.Equal(second.RequestId, loser.RequestId);
            Assert.Equal(new CategoryAvailability(General, 1, 1, 0, 0), Assert.Single(box.State.Availability().Categories));
            Assert.Single(box.Journal.OfType<TicketsIssued>());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C02_two_checkouts_of_six_against_ten_one_succeeds_and_the_other_is_told_four_are_left(bool bobFirst)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 6));
        var alice = new Purchase("E1", "key-alice", "alice", General, 6);
        var bob = new Purchase("E1", "key-bob", "bob", General, 6);
        var (first, second) = bobFirst ? (bob, alice) : (alice, bob);

        var purchased = Assert.IsType<Purchased>(box.Send(first).Reply);
        box.Refuse(second, RejectionReason.InsufficientTickets, available: 4);

        Assert.Equal((first.BuyerId, "1-6", 4), (purchased.Order.BuyerId, purchased.Order.SerialRange, purchased.Remaining));
        Assert.Equal(new CategoryAvailability(General, 10, 6, 0, 4), Assert.Single(box.State.Availability().Categories));
        Assert.Single(box.Journal.OfType<TicketsIssued>());
    }

    [Theory]
    [InlineData(25)]
    [InlineData(2024)]
    [InlineData(77_001)]
    public void C02_thirty_buyers_of_one_to_four_against_twenty_five_never_oversell_and_every_refusal_names_the_true_stock(int seed)
    {
        var random = new Random(seed);
        var box = TestBoxOffice.For(SingleCategory(25, 4));
        var soldQuantities = 0;
        var rejections = 0;

        for (var i = 1; i <= 30; i++)
        {
            var quantity = random.Next(1, 5);
            var availableBefore = box.State.Stock[General].Available;

            var reply = box.Attempt(new Purchase("E1", $"key-{i}", $"buyer-{i}", General, quantity));

            switch (reply)
            {
                case Purchased purchased:
                    Assert.True(quantity <= availableBefore);
                    Assert.Equal(availableBefore - quantity, purchased.Remaining);
                    Assert.Equal(quantity, purchased.Order.Quantity);
                    soldQuantities += quantity;
                    break;
                case Rejected { Reason: RejectionReason.InsufficientTickets } rejected:
                    Assert.Equal(availableBefore, rejected.Available);
                    Assert.True(rejected.Available < quantity);
                    Assert.True(rejected.Available > 0);
                    rejections++;
                    break;
                case Rejected { Reason: RejectionReason.SoldOut } rejected:
                    Assert.Equal((0, 0), (availableBefore, rejected.Available));
                    rejections++;
                    break;
                default:
                    Assert.Fail($"unexpected reply {reply}");
                    break;
            }
            Assert.InRange(box.State.Stock[General].Available, 0, 25);
        }

        var stock = Assert.Single(box.State.Availability().Categories);
        Assert.InRange(soldQuantities, 1, 25);
        Assert.Equal((soldQuantities, 25 - soldQuantities), (stock.Sold, stock.Available));
        Assert.Equal(30, box.Journal.OfType<TicketsIssued>().Count() + rejections);
        Assert.Equal(soldQuantities, box.State.LastSerial);
        Assert.Equal(stock, Assert.Single(BoxOfficeState.Replay(box.Journal).Availability().Categories));
    }

    [Fact]
    public void C03_a_hundred_buyers_for_ten_tickets_sell_exactly_ten()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 1));
        var replies = new List<IBoxOfficeReply>();

        for (var i = 1; i <= 100; i++)
        {
            replies.Add(box.Attempt(new Purchase("E1", $"key-{i}", $"buyer-{i}", General, 1)));
        }

        Assert.Equal(10, replies.OfType<Purchased>().Count());
        Assert.Equal(Enumerable.Range(1, 10), replies.OfType<Purchased>().Select(p => p.Order.Tickets[0].Serial));
        Assert.Equal(90, replies.OfType<Rejected>().Count(r => r.Reason == RejectionReason.SoldOut));
        Assert.Equal(new CategoryAvailability(General, 10, 10, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(10, box.Journal.OfType<TicketsIssued>().Count());
    }

    [Fact]
    public void C03_an_oversized_request_leaves_no_trace_so_three_buyers_of_one_all_succeed()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));
        var journalBefore = box.Journal.Count;

        box.Refuse(new Purchase("E1", "key-carol", "carol", General, 5), RejectionReason.LimitExceeded);

        Assert.Equal(journalBefore, box.Journal.Count);
        var daves = Enumerable.Range(1, 3).Select(k => box.Buy($"dave-{k}", 1)).ToList();
        Assert.Equal([2, 1, 0], daves.Select(p => p.Remaining));
        Assert.Equal(new CategoryAvailability(General, 3, 3, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.False(box.State.OrdersByRequestId.ContainsKey("key-carol"));
        Assert.DoesNotContain(box.State.TicketsPerBuyer.Keys, k => k.BuyerId == "carol");
        Assert.Equal(4, box.Journal.Count);
    }

    [Fact]
    public void C03_a_request_for_more_than_is_left_leaves_no_trace_so_the_rest_still_sells()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));
        box.Buy("dave-0", 1);

        box.Refuse(new Purchase("E1", "key-carol", "carol", General, 3), RejectionReason.InsufficientTickets, available: 2);

        box.Buy("dave-1", 1);
        var last = box.Buy("dave-2", 1);
        Assert.Equal((0, 3), (last.Remaining, box.State.LastSerial));
        Assert.Equal(3, box.Journal.OfType<TicketsIssued>().Count());
    }

    [Fact]
    public void C03_a_buyer_with_a_limit_of_one_sending_twenty_requests_gets_exactly_one_ticket()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 1));
        var replies = new List<IBoxOfficeReply>();

        for (var i = 1; i <= 20; i++)
        {
            replies.Add(box.Attempt(new Purchase("E1", $"erin-{i}", "erin", General, 1)));
        }

        Assert.Equal("erin-1", Assert.Single(replies.OfType<Purchased>()).Order.RequestId);
        Assert.Equal(19, replies.OfType<Rejected>().Count(r => r.Reason == RejectionReason.LimitExceeded));
        Assert.Equal(new CategoryAvailability(General, 10, 1, 0, 9), Assert.Single(box.State.Availability().Categories));
        Assert.Single(box.Journal.OfType<TicketsIssued>());
        Assert.Equal(8, box.Buy("frank", 1).Remaining);
    }
}
