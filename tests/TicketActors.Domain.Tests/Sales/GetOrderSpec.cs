using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>Reading an order: the order as issued and where each ticket stands, decided without storing anything.</summary>
public sealed class GetOrderSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void GetOrder_reads_the_order_with_each_ticket_valid_cancelled_or_checked_in_and_stores_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var purchased = box.Buy("alice", 3);
        box.CancelTickets("alice", 1, [2], [2]);
        box.Advance(TimeSpan.FromMinutes(5));
        box.Send(new CheckIn("E1", "code-3"));

        var decision = box.State.Decide(new GetOrder("E1", 1), box.Context);

        Assert.Empty(decision.Events);
        var found = Assert.IsType<OrderFound>(decision.Reply);
        Assert.Equal(("E1", purchased.Order), (found.EventId, found.Order));
        Assert.Equal(
            [
                new TicketState(1, "code-1", TicketStatus.Valid),
                new TicketState(2, "code-2", TicketStatus.Cancelled),
                new TicketState(3, "code-3", TicketStatus.CheckedIn, Now.AddMinutes(5)),
            ],
            found.Tickets.ToArray());
    }

    [Fact]
    public void GetOrder_answers_the_same_after_a_replay_of_the_journal_and_after_a_snapshot()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.CancelTickets("alice", 1, [1], [1]);
        box.Send(new CheckIn("E1", "code-2"));
        var expected = Assert.IsType<OrderFound>(box.State.Decide(new GetOrder("E1", 1), box.Context).Reply);

        var (replayed, restored) = box.AssertRecoversTheSameState();

        foreach (var state in new[] { replayed, restored })
        {
            var found = Assert.IsType<OrderFound>(state.Decide(new GetOrder("E1", 1), box.Context).Reply);
            Assert.Equal(expected.Order.Tickets.ToArray(), found.Order.Tickets.ToArray());
            Assert.Equal(expected.Tickets.ToArray(), found.Tickets.ToArray());
        }
    }

    [Fact]
    public void GetOrder_reads_a_confirmed_hold_as_an_order()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var placed = box.Place("bob", 2);
        var confirmed = box.ConfirmHold(placed.HoldId);

        var found = Assert.IsType<OrderFound>(box.Send(new GetOrder("E1", confirmed.Order.Number)).Reply);

        Assert.Equal(("bob", 2), (found.Order.BuyerId, found.Order.Quantity));
        Assert.All(found.Tickets, t => Assert.Equal(TicketStatus.Valid, t.Status));
    }

    [Theory]
    [InlineData("E1", 2, RejectionReason.UnknownOrder)]
    [InlineData("E1", 0, RejectionReason.UnknownOrder)]
    [InlineData("E1", -1, RejectionReason.UnknownOrder)]
    [InlineData("other-event", 1, RejectionReason.UnknownEvent)]
    public void GetOrder_of_an_order_or_event_that_does_not_exist_is_refused(string eventId, int orderNumber, RejectionReason reason)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1);

        box.Refuse(new GetOrder(eventId, orderNumber), reason);
    }

    [Fact]
    public void GetOrder_before_the_event_is_created_is_UnknownEvent() =>
        new TestBoxOffice().Refuse(new GetOrder("E1", 1), RejectionReason.UnknownEvent);
}
