using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>
/// The sales window [open, close) of the definition, and an early close: outside it purchases and holds get
/// SalesClosed. What was granted inside it (replays, confirms, releases, cancels, check-ins) still works.
/// </summary>
public sealed class SalesWindowSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;
    private static readonly DateTimeOffset Opens = Now.AddHours(1);
    private static readonly DateTimeOffset Closes = Now.AddHours(3);

    private static EventDefinition Windowed(DateTimeOffset? opens = null, DateTimeOffset? closes = null) =>
        SingleCategory(10, 4) with { SalesOpenAt = opens, SalesCloseAt = closes };

    [Fact]
    public void Before_sales_open_purchases_and_holds_are_refused_with_SalesClosed_and_at_the_opening_they_succeed()
    {
        var box = TestBoxOffice.For(Windowed(Opens, Closes));
        box.At(Opens.AddTicks(-1));

        var purchase = box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.SalesClosed);
        box.Refuse(box.HoldOf("alice", 1), RejectionReason.SalesClosed);

        Assert.Equal($"sales of 'E1' open at {Opens:O}", purchase.Message);
        box.At(Opens);
        box.Buy("alice", 1);
        box.Place("alice", 1);
    }

    [Fact]
    public void At_the_planned_close_purchases_and_holds_are_refused_with_SalesClosed_and_one_tick_before_they_succeed()
    {
        var box = TestBoxOffice.For(Windowed(Opens, Closes));
        box.At(Closes.AddTicks(-1));
        box.Buy("alice", 1);
        box.Place("alice", 1);
        box.At(Closes);

        var purchase = box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SalesClosed);
        box.Refuse(box.HoldOf("bob", 1), RejectionReason.SalesClosed);

        Assert.Equal($"sales of 'E1' closed at {Closes:O}", purchase.Message);
    }

    [Fact]
    public void An_event_without_a_window_is_on_sale_from_its_creation_without_end()
    {
        var box = TestBoxOffice.For(Windowed());
        box.Advance(TimeSpan.FromDays(3650));

        box.Buy("alice", 1);
    }

    [Fact]
    public void CloseSales_closes_now_and_stores_one_SalesClosed()
    {
        var box = TestBoxOffice.For(Windowed(closes: Closes));
        box.Advance(TimeSpan.FromMinutes(30));

        var decision = box.Send(new CloseSales("E1"));

        Assert.Equal(new SalesEnded("E1", Now.AddMinutes(30)), decision.Reply);
        Assert.Equal(new SalesClosed(Now.AddMinutes(30)), Assert.Single(decision.Events));
        Assert.Equal(Now.AddMinutes(30), box.State.SalesClosedAt);
        var refused = box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.SalesClosed);
        box.Refuse(box.HoldOf("alice", 1), RejectionReason.SalesClosed);
        Assert.Equal($"sales of 'E1' were closed at {Now.AddMinutes(30):O}", refused.Message);
    }

    [Fact]
    public void Closing_closed_sales_is_accepted_with_the_first_close_and_stores_nothing()
    {
        var box = TestBoxOffice.For(Windowed());
        box.Send(new CloseSales("E1"));
        box.Advance(TimeSpan.FromMinutes(5));
        var before = StateSnapshot.Of(box.State);

        var again = box.State.Decide(new CloseSales("E1"), box.Context);

        Assert.Equal(new SalesEnded("E1", Now), again.Reply);
        Assert.Empty(again.Events);
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }

    [Fact]
    public void Closing_after_the_planned_close_is_accepted_with_the_planned_close_and_stores_nothing()
    {
        var box = TestBoxOffice.For(Windowed(closes: Closes));
        box.At(Closes.AddMinutes(1));

        var decision = box.Send(new CloseSales("E1"));

        Assert.Equal(new SalesEnded("E1", Closes), decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Null(box.State.SalesClosedAt);
    }

    [Fact]
    public void Closing_before_sales_opened_keeps_them_closed_after_the_planned_opening()
    {
        var box = TestBoxOffice.For(Windowed(Opens));
        box.Send(new CloseSales("E1"));
        box.At(Opens.AddMinutes(1));

        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.SalesClosed);
    }

    [Fact]
    public void CloseSales_for_another_event_or_before_the_event_exists_is_UnknownEvent()
    {
        TestBoxOffice.For(Windowed()).Refuse(new CloseSales("E2"), RejectionReason.UnknownEvent);
        new TestBoxOffice().Refuse(new CloseSales("E1"), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void After_the_close_replays_confirms_releases_cancels_and_check_ins_still_work()
    {
        var box = TestBoxOffice.For(Windowed(closes: Closes));
        var order = box.Buy("alice", 2, requestId: "K1").Order;
        var toConfirm = box.Place("bob", 1, requestId: "K2");
        var toRelease = box.Place("carol", 1);
        box.At(Closes);

        var replay = box.Send(new Purchase("E1", "K1", "alice", General, 2));
        var holdReplay = box.Send(new Hold("E1", "K2", "bob", General, 1, TestBoxOffice.Ttl));
        box.Refuse(box.PurchaseOf("dave", 1), RejectionReason.SalesClosed);
        box.Refuse(new Purchase("E1", "K1", "alice", General, 1), RejectionReason.RequestIdConflict);
        box.At(toConfirm.ExpiresAt.AddTicks(-1));
        box.ConfirmHold(toConfirm.HoldId);
        Assert.IsType<Released>(box.Send(new Release("E1", toRelease.HoldId)).Reply);
        Assert.IsType<CheckedIn>(box.Send(new CheckIn("E1", order.Tickets[0].Code)).Reply);
        box.CancelTickets("alice", 1, [2], [2]);

        OrderAssert.Same(order, Assert.IsType<Purchased>(replay.Reply).Order);
        Assert.Equal(toConfirm with { Remaining = 6 }, holdReplay.Reply);
        Assert.Empty(replay.Events);
        Assert.Empty(holdReplay.Events);
        Assert.Equal(new CategoryAvailability(General, 10, 2, 0, 8, CheckedIn: 1), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void An_early_close_survives_a_restart_and_a_snapshot()
    {
        var box = TestBoxOffice.For(Windowed());
        box.Send(new CloseSales("E1"));

        var (replayed, restored) = box.AssertRecoversTheSameState();

        Assert.Equal((Now, Now), (replayed.SalesClosedAt, restored.SalesClosedAt));
        Expect.Rejected(replayed, box.PurchaseOf("alice", 1), box.Context, RejectionReason.SalesClosed);
        Expect.Rejected(restored, box.HoldOf("alice", 1), box.Context, RejectionReason.SalesClosed);
    }

    [Fact]
    public void A_window_that_closes_at_or_before_it_opens_is_an_InvalidEvent()
    {
        var box = new TestBoxOffice();

        var rejected = box.Refuse(new CreateEvent(Windowed(Opens, Opens)), RejectionReason.InvalidEvent);
        box.Refuse(new CreateEvent(Windowed(Opens, Opens.AddTicks(-1))), RejectionReason.InvalidEvent);

        Assert.Equal($"sales must close after they open, not at {Opens:O} for an opening at {Opens:O}", rejected.Message);
        Assert.Null(box.State.Event);
    }

    [Fact]
    public void The_window_is_part_of_the_definition_a_retried_CreateEvent_compares_it_as_instants()
    {
        var box = TestBoxOffice.For(Windowed(Opens, Closes));

        Assert.Equal(new EventAccepted("E1"), box.Send(new CreateEvent(Windowed(Opens.ToOffset(TimeSpan.FromHours(2)), Closes))).Reply);
        box.Refuse(new CreateEvent(Windowed(Opens, Closes.AddMinutes(1))), RejectionReason.EventAlreadyExists);
        box.Refuse(new CreateEvent(Windowed(null, Closes)), RejectionReason.EventAlreadyExists);
        box.Refuse(new CreateEvent(Windowed(Opens)), RejectionReason.EventAlreadyExists);
    }
}
