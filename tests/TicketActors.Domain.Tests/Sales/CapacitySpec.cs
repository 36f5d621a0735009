using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>ChangeCapacity: raising is allowed, lowering to what is sold plus held is allowed, below it is refused.</summary>
public sealed class CapacitySpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void Raising_a_capacity_stores_one_CapacityChanged_and_puts_the_new_tickets_on_sale()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 4);

        var decision = box.Send(new ChangeCapacity("E1", General, 15));

        Assert.Equal(new CapacityUpdated("E1", new CategoryAvailability(General, 15, 4, 0, 11)), decision.Reply);
        Assert.Equal(new CapacityChanged(General, 15, Now), Assert.Single(decision.Events));
        Assert.Equal(
            [new CategoryAvailability(General, 15, 4, 0, 11), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal(10, box.State.Event!.Category(General)!.Capacity);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void After_a_capacity_change_a_retried_CreateEvent_with_the_original_definition_is_still_accepted()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Send(new ChangeCapacity("E1", General, 15));

        Assert.Equal(new EventAccepted("E1"), box.Send(new CreateEvent(GeneralAndVip())).Reply);
    }

    [Fact]
    public void Lowering_a_capacity_to_exactly_the_tickets_sold_plus_held_is_allowed_and_sells_out_the_category()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.Place("bob", 2);

        var decision = box.Send(new ChangeCapacity("E1", General, 5));

        Assert.Equal(new CapacityUpdated("E1", new CategoryAvailability(General, 5, 3, 2, 0)), decision.Reply);
        box.Refuse(box.PurchaseOf("carol", 1), RejectionReason.SoldOut, available: 0);
    }

    [Fact]
    public void Lowering_a_capacity_below_the_tickets_sold_plus_held_is_refused_with_CapacityBelowSold_naming_both()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 3);
        box.Place("bob", 2);

        var rejected = box.Refuse(new ChangeCapacity("E1", General, 4), RejectionReason.CapacityBelowSold);

        Assert.Equal("category 'general': capacity 4 is below the 3 ticket(s) sold plus 2 held", rejected.Message);
    }

    [Fact]
    public void Setting_the_capacity_it_has_is_accepted_and_stores_nothing()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        var decision = box.Send(new ChangeCapacity("E1", General, 10));

        Assert.Equal(new CapacityUpdated("E1", new CategoryAvailability(General, 10, 0, 0, 10)), decision.Reply);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(EventDefinition.MaxCapacity + 1)]
    [InlineData(int.MaxValue)]
    public void A_capacity_below_one_or_above_the_maximum_is_refused_with_InvalidEvent(int capacity)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new ChangeCapacity("E1", General, capacity), RejectionReason.InvalidEvent);
    }

    [Fact]
    public void A_capacity_that_takes_the_whole_event_over_the_maximum_is_refused_with_InvalidEvent()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        var rejected = box.Refuse(new ChangeCapacity("E1", General, EventDefinition.MaxCapacity), RejectionReason.InvalidEvent);

        Assert.Equal($"the capacities of all categories would add up to {EventDefinition.MaxCapacity + 4}, more than {EventDefinition.MaxCapacity}", rejected.Message);
        box.Send(new ChangeCapacity("E1", General, EventDefinition.MaxCapacity - 4));
    }

    [Fact]
    public void ChangeCapacity_of_an_unknown_or_missing_category_or_event_is_refused()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new ChangeCapacity("E1", "balcony", 5), RejectionReason.UnknownCategory);
        box.Refuse(new ChangeCapacity("E1", "", 5), RejectionReason.InvalidRequest);
        box.Refuse(new ChangeCapacity("E2", General, 5), RejectionReason.UnknownEvent);
        new TestBoxOffice().Refuse(new ChangeCapacity("E1", General, 5), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void The_per_buyer_limit_stays_as_defined_above_a_lowered_capacity_and_the_stock_still_bounds_every_purchase()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Send(new ChangeCapacity("E1", General, 2));

        box.Refuse(box.PurchaseOf("alice", 3), RejectionReason.InsufficientTickets, available: 2);
        box.Buy("alice", 2);

        Assert.Equal(4, box.State.Stock[General].Category.Limit);
        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.SoldOut, available: 0);
    }

    [Fact]
    public void Raising_a_sold_out_category_sells_on_with_the_next_serials()
    {
        var box = TestBoxOffice.For(SingleCategory(2, 2));
        box.Buy("alice", 2);
        box.Send(new ChangeCapacity("E1", General, 3));

        var next = box.Buy("bob", 1);

        Assert.Equal(("3", 0), (next.Order.SerialRange, next.Remaining));
    }

    [Fact]
    public void A_changed_capacity_survives_a_restart_and_a_snapshot()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 1, Vip);
        box.Send(new ChangeCapacity("E1", Vip, 6));

        var (replayed, restored) = box.AssertRecoversTheSameState();

        Assert.Equal(new CategoryAvailability(Vip, 6, 1, 0, 5), restored.Availability().Categories[1]);
        Assert.Equal([null, 6], box.State.ToSnapshot().Sales.Select(s => s.Capacity));
        Assert.Equal(new CategoryAvailability(Vip, 6, 1, 0, 5), replayed.Availability().Categories[1]);
    }
}
