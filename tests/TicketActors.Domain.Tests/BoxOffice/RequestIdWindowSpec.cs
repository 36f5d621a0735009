using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

/// <summary>
/// A box office remembers only the newest request ids (the window). Past it, the oldest id is forgotten: a repeat of
/// it is decided as a new purchase (new serials), and the per-buyer limit still applies. The window is part of the
/// state, so a replay of the journal and a snapshot rebuild the same window.
/// </summary>
public sealed class RequestIdWindowSpec
{
    private const int Window = 3;

    [Fact]
    public void After_four_purchases_with_a_window_of_three_the_oldest_request_id_is_forgotten_and_the_three_newest_still_replay()
    {
        var box = new WindowedBoxOffice(Window);

        var orders = BuyFour(box);

        Assert.Equal(["r-2", "r-3", "r-4"], box.State.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
        foreach (var order in orders.Skip(1))
        {
            var decision = box.State.Decide(new Purchase(EventId, order.Order.RequestId, order.Order.BuyerId, General, order.Order.Quantity), box.Context);
            Assert.Empty(decision.Events);
            OrderAssert.Same(order.Order, Assert.IsType<Purchased>(decision.Reply).Order);
        }
    }

    [Fact]
    public void A_repeat_of_a_forgotten_request_id_is_decided_as_a_new_purchase_with_new_serials()
    {
        var box = new WindowedBoxOffice(Window);
        var orders = BuyFour(box);

        var repeat = box.Send(new Purchase(EventId, "r-1", "ann", General, 1));

        var purchased = Assert.IsType<Purchased>(repeat.Reply);
        var issued = Assert.IsType<TicketsIssued>(Assert.Single(repeat.Events));
        Assert.Equal((5, "r-1", "6"), (purchased.Order.Number, purchased.Order.RequestId, purchased.Order.SerialRange));
        Assert.Equal(purchased.Order.Tickets.ToArray(), issued.Tickets.ToArray());
        Assert.DoesNotContain(purchased.Order.Tickets[0].Code, orders[0].Order.Tickets.Select(t => t.Code));
        Assert.Equal((6, 4), (box.State.Stock[General].Sold, box.State.Stock[General].Available));
        Assert.Equal(2, box.State.TicketsPerBuyer[new BuyerCategory("ann", General)]);
        Assert.Equal(["r-1", "r-3", "r-4"], box.State.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void A_repeat_of_a_forgotten_request_id_still_counts_against_the_per_buyer_limit()
    {
        var box = new WindowedBoxOffice(Window, limit: 2);
        box.Buy("r-1", "ann", 2);
        box.Buy("r-2", "bob", 1);
        box.Buy("r-3", "cid", 1);
        box.Buy("r-4", "dan", 1);

        var rejected = box.Refuse(new Purchase(EventId, "r-1", "ann", General, 2), RejectionReason.LimitExceeded);

        Assert.Contains("buyer 'ann' has 2", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(5, box.State.Stock[General].Sold);
        Assert.False(box.State.OrdersByRequestId.ContainsKey("r-1"));
    }

    [Fact]
    public void The_window_holds_after_a_replay_of_the_journal_with_the_same_window()
    {
        var box = new WindowedBoxOffice(Window);
        var orders = BuyFour(box);

        var replayed = BoxOfficeState.Replay(box.Journal, Window);

        StateSnapshot.Of(box.State).AssertEquivalentTo(StateSnapshot.Of(replayed));
        AssertForgetsR1AndRemembersTheRest(replayed, box.Context, orders);
        AssertTheNextPurchaseForgetsR2(replayed, box.Context);
    }

    [Fact]
    public void The_window_holds_after_a_snapshot_restored_with_the_same_window()
    {
        var box = new WindowedBoxOffice(Window);
        var orders = BuyFour(box);

        var snapshot = box.State.ToSnapshot();
        var restored = BoxOfficeState.FromSnapshot(snapshot, Window);

        Assert.Equal(["r-2", "r-3", "r-4"], snapshot.RecentOrders.Select(o => o.RequestId));
        StateSnapshot.Of(box.State).AssertSameAs(StateSnapshot.Of(restored));
        AssertForgetsR1AndRemembersTheRest(restored, box.Context, orders);
        AssertTheNextPurchaseForgetsR2(restored, box.Context);
    }

    [Fact]
    public void A_forgotten_request_id_bought_again_is_remembered_as_the_newest_after_a_replay_and_a_snapshot()
    {
        var box = new WindowedBoxOffice(Window);
        BuyFour(box);
        var again = Assert.IsType<Purchased>(box.Send(new Purchase(EventId, "r-1", "ann", General, 1)).Reply);

        var replayed = BoxOfficeState.Replay(box.Journal, Window);
        var restored = BoxOfficeState.FromSnapshot(replayed.ToSnapshot(), Window);

        foreach (var state in new[] { box.State, replayed, restored })
        {
            Assert.Equal(["r-1", "r-3", "r-4"], state.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
            OrderAssert.Same(again.Order, state.OrdersByRequestId["r-1"]);
            Assert.Equal((6, 5), (state.LastSerial, state.LastOrderNumber));
        }
        Assert.Equal(["r-3", "r-4", "r-1"], restored.ToSnapshot().RecentOrders.Select(o => o.RequestId));
    }

    /// <summary>ann 1 (r-1), bob 2 (r-2), cid 1 (r-3), dan 1 (r-4): serials 1, 2-3, 4, 5.</summary>
    private static List<Purchased> BuyFour(WindowedBoxOffice box) =>
    [
        box.Buy("r-1", "ann", 1),
        box.Buy("r-2", "bob", 2),
        box.Buy("r-3", "cid", 1),
        box.Buy("r-4", "dan", 1),
    ];

    private static void AssertForgetsR1AndRemembersTheRest(BoxOfficeState state, DecisionContext context, List<Purchased> orders)
    {
        Assert.Equal(["r-2", "r-3", "r-4"], state.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
        var repeat = state.Decide(new Purchase(EventId, "r-1", "ann", General, 1), context);
        Assert.Equal("6", Assert.IsType<Purchased>(repeat.Reply).Order.SerialRange);
        Assert.Single(repeat.Events);
        foreach (var order in orders.Skip(1))
        {
            var decision = state.Decide(new Purchase(EventId, order.Order.RequestId, order.Order.BuyerId, General, order.Order.Quantity), context);
            Assert.Empty(decision.Events);
            OrderAssert.Same(order.Order, Assert.IsType<Purchased>(decision.Reply).Order);
        }
    }

    /// <summary>The oldest id after r-1 is r-2: one more purchase must push exactly that one out.</summary>
    private static void AssertTheNextPurchaseForgetsR2(BoxOfficeState state, DecisionContext context)
    {
        var decision = state.Decide(new Purchase(EventId, "r-5", "eve", General, 1), context);
        foreach (var @event in decision.Events)
        {
            state.Apply(@event);
        }
        Assert.Equal(["r-3", "r-4", "r-5"], state.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A box office of one category (general, capacity 10) with a request-id window, driven like its actor.</summary>
    private sealed class WindowedBoxOffice
    {
        private readonly List<IBoxOfficeEvent> _journal = [];

        public WindowedBoxOffice(int window, int limit = 4)
        {
            State = new BoxOfficeState(window);
            Send(new CreateEvent(SingleCategory(capacity: 10, limit: limit)));
        }

        public BoxOfficeState State { get; }
        public DecisionContext Context { get; } = new(TestBoxOffice.Now, new SequentialTicketCodes());
        public IReadOnlyList<IBoxOfficeEvent> Journal => _journal;

        public Decision Send(IBoxOfficeCommand command)
        {
            var decision = State.Decide(command, Context);
            foreach (var @event in decision.Events)
            {
                State.Apply(@event);
                _journal.Add(@event);
            }
            return decision;
        }

        public Purchased Buy(string requestId, string buyer, int quantity)
        {
            var decision = Send(new Purchase(EventId, requestId, buyer, General, quantity));
            Assert.Single(decision.Events);
            return Assert.IsType<Purchased>(decision.Reply);
        }

        public Rejected Refuse(Purchase purchase, RejectionReason reason) => Expect.Rejected(State, purchase, Context, reason);
    }
}
