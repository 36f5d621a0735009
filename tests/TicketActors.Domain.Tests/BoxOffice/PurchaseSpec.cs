using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

public sealed class PurchaseSpec
{
    [Fact]
    public void Purchase_issues_quantity_tickets_with_consecutive_serials_from_one_and_order_number_one()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        var decision = box.Send(new Purchase("E1", "req-a", "alice", General, 3));

        var purchased = Assert.IsType<Purchased>(decision.Reply);
        Assert.True(decision.IsAccepted);
        Assert.Equal("E1", purchased.EventId);
        Assert.Equal(7, purchased.Remaining);
        var order = purchased.Order;
        Assert.Equal((1, "req-a", "alice", General, 3, TestBoxOffice.Now), (order.Number, order.RequestId, order.BuyerId, order.Category, order.Quantity, order.IssuedAt));
        Assert.Equal(
            [new Ticket(1, "code-1", General), new Ticket(2, "code-2", General), new Ticket(3, "code-3", General)],
            order.Tickets.ToArray());
        Assert.Equal("1-3", order.SerialRange);

        var issued = Assert.IsType<TicketsIssued>(Assert.Single(decision.Events));
        Assert.Equal((1, "req-a", "alice", General, TestBoxOffice.Now), (issued.OrderNumber, issued.RequestId, issued.BuyerId, issued.Category, issued.IssuedAt));
        Assert.Equal(order.Tickets.ToArray(), issued.Tickets.ToArray());
    }

    [Fact]
    public void Applying_a_sale_counts_it_as_sold_and_remembers_the_order_the_tickets_and_the_buyer()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        box.Buy("alice", 3, requestId: "req-a");

        Assert.Equal(
            [new CategoryAvailability(General, 10, 3, 0, 7), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal(3, box.State.LastSerial);
        Assert.Equal(1, box.State.LastOrderNumber);
        Assert.Equal(["req-a"], box.State.OrdersByRequestId.Keys);
        Assert.Equal(["code-1", "code-2", "code-3"], box.State.TicketsByCode.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Ticket(2, "code-2", General), box.State.TicketsByCode["code-2"]);
        var owned = Assert.Single(box.State.TicketsPerBuyer);
        Assert.Equal((new BuyerCategory("alice", General), 3), (owned.Key, owned.Value));
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void Serials_continue_from_LastSerial_and_order_numbers_count_up_across_buyers_and_categories()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        var first = box.Buy("alice", 2);
        var second = box.Buy("bob", 1, Vip);
        var third = box.Buy("alice", 2);
        var fourth = box.Buy("carol", 2, Vip);

        Assert.Equal([1, 2, 3, 4], new[] { first, second, third, fourth }.Select(p => p.Order.Number));
        Assert.Equal(["1-2", "3", "4-5", "6-7"], new[] { first, second, third, fourth }.Select(p => p.Order.SerialRange));
        Assert.Equal(["code-6", "code-7"], fourth.Order.Tickets.Select(t => t.Code));
        Assert.Equal([8, 3, 6, 1], new[] { first, second, third, fourth }.Select(p => p.Remaining));
        Assert.Equal(7, box.State.LastSerial);
        Assert.Equal(4, box.State.LastOrderNumber);
        Assert.Equal(
            [new CategoryAvailability(General, 10, 4, 0, 6), new CategoryAvailability(Vip, 4, 3, 0, 1)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal(5, box.Journal.Count);
    }

    [Fact]
    public void Decide_changes_nothing_until_its_events_are_applied()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var before = StateSnapshot.Of(box.State);

        var first = box.State.Decide(box.PurchaseOf("alice", 2), box.Context);
        var second = box.State.Decide(box.PurchaseOf("bob", 2), box.Context);

        before.AssertSameAs(StateSnapshot.Of(box.State));
        // Both were decided against the same state: the same serials and order number, only fresh codes.
        var firstOrder = Assert.IsType<Purchased>(first.Reply).Order;
        var secondOrder = Assert.IsType<Purchased>(second.Reply).Order;
        Assert.Equal((1, "1-2"), (firstOrder.Number, firstOrder.SerialRange));
        Assert.Equal((1, "1-2"), (secondOrder.Number, secondOrder.SerialRange));

        box.State.Apply(Assert.Single(first.Events));

        Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(2, box.State.LastSerial);
    }

    [Fact]
    public void A_buyer_may_buy_up_to_the_limit_over_several_purchases()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Buy("alice", 1);
        box.Buy("alice", 2);
        var last = box.Buy("alice", 1);

        Assert.Equal(6, last.Remaining);
        Assert.Equal(4, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
    }

    [Fact]
    public void The_last_tickets_sell_with_zero_remaining()
    {
        var box = TestBoxOffice.For(SingleCategory(5, 5));

        box.Buy("alice", 2);
        var last = box.Buy("bob", 3);

        Assert.Equal(0, last.Remaining);
        Assert.Equal(new CategoryAvailability(General, 5, 5, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(5, box.State.LastSerial);
    }

    [Fact]
    public void A_request_id_of_128_characters_and_a_buyer_id_of_128_characters_are_accepted()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var requestId = new string('r', Purchase.MaxIdLength);
        var buyerId = new string('b', Purchase.MaxIdLength);

        var purchased = box.Buy(buyerId, 1, requestId: requestId);

        Assert.Equal((requestId, buyerId), (purchased.Order.RequestId, purchased.Order.BuyerId));
    }

    [Fact]
    public void GetAvailability_reads_every_category_and_stores_nothing()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 4);
        box.Buy("bob", 2, Vip);
        var before = StateSnapshot.Of(box.State);

        var decision = box.State.Decide(new GetAvailability("E1"), box.Context);

        var availability = Assert.IsType<Availability>(decision.Reply);
        Assert.Empty(decision.Events);
        Assert.True(decision.IsAccepted);
        Assert.Equal(
            [new CategoryAvailability(General, 10, 4, 0, 6), new CategoryAvailability(Vip, 4, 2, 0, 2)],
            availability.Categories.ToArray());
        Assert.Equal((14, 6, 0, 8), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }
}
