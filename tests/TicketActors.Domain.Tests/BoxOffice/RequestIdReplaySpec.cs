using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

public sealed class RequestIdReplaySpec
{
    [Fact]
    public void Repeating_a_purchase_returns_the_original_order_and_stores_nothing()
    {
        var codes = new SequentialTicketCodes();
        var box = TestBoxOffice.For(SingleCategory(10, 4), codes);
        var original = box.Buy("noah", 2, requestId: "K1");
        var before = StateSnapshot.Of(box.State);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var decision = box.State.Decide(new Purchase("E1", "K1", "noah", General, 2), box.Context);

            var replay = Assert.IsType<Purchased>(decision.Reply);
            Assert.Empty(decision.Events);
            OrderAssert.Same(original.Order, replay.Order);
            Assert.Equal((1, "1-2"), (replay.Order.Number, replay.Order.SerialRange));
            Assert.Equal(["code-1", "code-2"], replay.Order.Tickets.Select(t => t.Code));
            Assert.Equal(8, replay.Remaining);
        }

        before.AssertSameAs(StateSnapshot.Of(box.State));
        Assert.Equal(2, codes.Drawn);
    }

    [Fact]
    public void A_repeated_purchase_returns_the_original_order_even_when_the_category_sold_out_since()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 2));
        var original = box.Buy("noah", 2, requestId: "K1");
        box.Buy("olga", 1);

        var decision = box.State.Decide(new Purchase("E1", "K1", "noah", General, 2), box.Context);

        var replay = Assert.IsType<Purchased>(decision.Reply);
        Assert.Empty(decision.Events);
        OrderAssert.Same(original.Order, replay.Order);
        Assert.Equal(0, replay.Remaining);
    }

    [Fact]
    public void A_repeated_purchase_returns_the_original_order_even_when_the_buyer_is_at_the_limit()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 2));
        var original = box.Buy("noah", 2, requestId: "K1");

        var decision = box.State.Decide(new Purchase("E1", "K1", "noah", General, 2), box.Context);

        OrderAssert.Same(original.Order, Assert.IsType<Purchased>(decision.Reply).Order);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_repeated_purchase_returns_the_original_order_after_a_restart()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("mia", 1);
        var original = box.Buy("noah", 2, requestId: "K1");
        box.Buy("olga", 1, Vip);

        var restarted = BoxOfficeState.Replay(box.Journal);
        var decision = restarted.Decide(new Purchase("E1", "K1", "noah", General, 2), box.Context);

        var replay = Assert.IsType<Purchased>(decision.Reply);
        Assert.Empty(decision.Events);
        OrderAssert.Same(original.Order, replay.Order);
        Assert.Equal((2, "2-3"), (replay.Order.Number, replay.Order.SerialRange));
        Assert.Equal(["code-2", "code-3"], replay.Order.Tickets.Select(t => t.Code));
    }

    [Theory]
    [InlineData("another quantity")]
    [InlineData("another category")]
    [InlineData("another buyer")]
    public void A_request_id_reused_with_another_body_is_rejected_with_RequestIdConflict_also_after_a_restart(string change)
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("noah", 2, requestId: "K1");
        var restarted = BoxOfficeState.Replay(box.Journal);
        var conflicting = change switch
        {
            "another quantity" => new Purchase("E1", "K1", "noah", General, 3),
            "another category" => new Purchase("E1", "K1", "noah", Vip, 2),
            "another buyer" => new Purchase("E1", "K1", "zoe", General, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Expect.Rejected(restarted, conflicting, box.Context, RejectionReason.RequestIdConflict);
    }

    [Fact]
    public void A_rejected_request_leaves_no_trace_so_its_request_id_can_be_used_again()
    {
        var box = TestBoxOffice.For(SingleCategory(5, 3));
        box.Buy("alice", 3);
        box.Refuse(new Purchase("E1", "K2", "carol", General, 3), RejectionReason.InsufficientTickets, available: 2);

        Assert.False(box.State.OrdersByRequestId.ContainsKey("K2"));
        var purchased = box.Buy("carol", 2, requestId: "K2");
        Assert.Equal((2, "4-5"), (purchased.Order.Number, purchased.Order.SerialRange));
    }

    [Fact]
    public void Request_ids_are_compared_exactly_so_ids_differing_in_case_are_two_purchases()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("noah", 1, requestId: "K1");

        var second = box.Buy("noah", 1, requestId: "k1");

        Assert.Equal((2, "2"), (second.Order.Number, second.Order.SerialRange));
    }
}
