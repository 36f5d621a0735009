using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>C08 (CASES.md): a double click or a client retry never makes a second order, also across a restart, for purchases and for holds.</summary>
public sealed class DuplicateOrderScenarioSpec
{
    private static TestBoxOffice E8() => TestBoxOffice.For(SingleCategory(10, 4, "E8"));

    [Fact]
    public void C08_five_identical_purchases_and_one_thirty_seconds_later_make_one_order_and_one_sale_event()
    {
        var box = E8();
        var noah = new Purchase("E8", "K1", "noah", General, 2);

        var replies = Enumerable.Range(0, 5).Select(_ => box.Send(noah).Reply).ToList();
        box.Advance(TimeSpan.FromSeconds(30));
        replies.Add(box.Send(noah).Reply);

        var orders = replies.Select(r => Assert.IsType<Purchased>(r).Order).ToList();
        Assert.All(orders, order => OrderAssert.Same(orders[0], order));
        Assert.Equal((1, "1-2", TestBoxOffice.Now), (orders[0].Number, orders[0].SerialRange, orders[0].IssuedAt));
        Assert.Single(box.Journal.OfType<TicketsIssued>());
        Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void C08_the_same_key_with_another_quantity_is_a_RequestIdConflict_and_changes_nothing()
    {
        var box = E8();
        box.Buy("noah", 2, requestId: "K1");

        box.Refuse(new Purchase("E8", "K1", "noah", General, 3), RejectionReason.RequestIdConflict);

        Assert.Single(box.Journal.OfType<TicketsIssued>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C08_a_retry_after_a_restart_still_returns_the_original_order(bool fromSnapshot)
    {
        var box = E8();
        var original = box.Buy("noah", 2, requestId: "K1").Order;

        var recovered = fromSnapshot ? BoxOfficeState.FromSnapshot(box.State.ToSnapshot()) : BoxOfficeState.Replay(box.Journal);
        var retry = recovered.Decide(new Purchase("E8", "K1", "noah", General, 2), box.Context with { Now = TestBoxOffice.Now.AddSeconds(30) });

        Assert.Empty(retry.Events);
        OrderAssert.Same(original, Assert.IsType<Purchased>(retry.Reply).Order);
    }

    [Fact]
    public void C08_a_repeated_hold_and_a_repeated_confirm_make_one_hold_one_order_and_one_confirm_event()
    {
        var box = E8();
        var hold = new Hold("E8", "K2", "noah", General, 2, TestBoxOffice.Ttl);

        var holds = Enumerable.Range(0, 5).Select(_ => Assert.IsType<HoldPlaced>(box.Send(hold).Reply)).ToList();
        var confirms = Enumerable.Range(0, 5).Select(_ => Assert.IsType<Purchased>(box.Send(new Confirm("E8", holds[0].HoldId)).Reply).Order).ToList();
        var recovered = BoxOfficeState.Replay(box.Journal);
        var afterRestart = recovered.Decide(new Confirm("E8", holds[0].HoldId), box.Context);

        Assert.All(holds, h => Assert.Equal(holds[0].HoldId, h.HoldId));
        Assert.All(confirms, order => OrderAssert.Same(confirms[0], order));
        Assert.Empty(afterRestart.Events);
        OrderAssert.Same(confirms[0], Assert.IsType<Purchased>(afterRestart.Reply).Order);
        Assert.Single(box.Journal.OfType<TicketsHeld>());
        Assert.Single(box.Journal.OfType<HoldConfirmed>());
        Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8), Assert.Single(box.State.Availability().Categories));
    }
}
