using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>
/// C10 (CASES.md): capacity 55, at most 10 per buyer, for purchases and holds. Text and fractional quantities cannot
/// reach the domain (Quantity is an int).
/// </summary>
public sealed class QuantityValidationScenarioSpec
{
    private static TestBoxOffice E10() => TestBoxOffice.For(SingleCategory(55, 10, "E10"));

    [Theory]
    [InlineData(11, RejectionReason.LimitExceeded)]
    [InlineData(0, RejectionReason.InvalidQuantity)]
    [InlineData(-1, RejectionReason.InvalidQuantity)]
    [InlineData(int.MinValue, RejectionReason.InvalidQuantity)]
    [InlineData(int.MaxValue, RejectionReason.LimitExceeded)]
    public void C10_a_bad_quantity_is_rejected_without_events_and_the_next_valid_purchase_succeeds(int quantity, RejectionReason reason)
    {
        var box = E10();

        box.Refuse(box.PurchaseOf("mallory", quantity), reason);

        var purchased = box.Buy("mallory", 10);
        Assert.Equal(("1-10", 45), (purchased.Order.SerialRange, purchased.Remaining));
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void C10_every_bad_quantity_in_a_row_changes_nothing_and_after_selling_fifty_six_is_told_five_are_left()
    {
        var box = E10();
        var bad = new[] { 11, 0, -1, int.MinValue, int.MaxValue };
        foreach (var quantity in bad)
        {
            box.Refuse(box.PurchaseOf("mallory", quantity), quantity > 10 ? RejectionReason.LimitExceeded : RejectionReason.InvalidQuantity);
        }
        Assert.Single(box.Journal);

        for (var buyer = 1; buyer <= 5; buyer++)
        {
            box.Buy($"buyer-{buyer}", 10);
        }
        box.Refuse(box.PurchaseOf("buyer-6", 6), RejectionReason.InsufficientTickets, available: 5);
        box.Refuse(box.PurchaseOf("buyer-6", 11), RejectionReason.LimitExceeded);

        var last = box.Buy("buyer-6", 5);
        Assert.Equal(("51-55", 0), (last.Order.SerialRange, last.Remaining));
        Assert.Equal(new CategoryAvailability(General, 55, 55, 0, 0), Assert.Single(box.State.Availability().Categories));
        Assert.Equal(6, box.Journal.OfType<TicketsIssued>().Count());
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void C10_int_MaxValue_from_a_buyer_who_already_owns_tickets_is_LimitExceeded_without_overflow()
    {
        var box = E10();
        box.Buy("mallory", 1);

        box.Refuse(box.PurchaseOf("mallory", int.MaxValue), RejectionReason.LimitExceeded);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(55, 56)]
    [InlineData(10, 11)]
    public void C10_CreateEvent_with_a_capacity_below_one_or_a_limit_over_the_capacity_is_rejected(int capacity, int limit)
    {
        var box = new TestBoxOffice();

        box.Refuse(new CreateEvent(SingleCategory(capacity, limit, "E10")), RejectionReason.InvalidEvent);

        Assert.Null(box.State.Event);
        Assert.Empty(box.Journal);
    }

    [Fact]
    public void C10_CreateEvent_with_a_limit_equal_to_the_capacity_is_accepted()
    {
        var box = TestBoxOffice.For(new EventDefinition("E10", "C10", StartsAt, [Category(General, 55, 55)]));

        Assert.Equal(55, box.Buy("whale", 55).Order.Quantity);
    }

    [Theory]
    [InlineData(11, RejectionReason.LimitExceeded)]
    [InlineData(0, RejectionReason.InvalidQuantity)]
    [InlineData(-1, RejectionReason.InvalidQuantity)]
    [InlineData(int.MinValue, RejectionReason.InvalidQuantity)]
    [InlineData(int.MaxValue, RejectionReason.LimitExceeded)]
    public void C10_a_bad_quantity_in_a_hold_is_rejected_without_events_and_the_next_valid_hold_succeeds(int quantity, RejectionReason reason)
    {
        var box = E10();

        box.Refuse(box.HoldOf("mallory", quantity), reason);

        Assert.Single(box.Journal);
        var placed = box.Place("mallory", 10);
        Assert.Equal(45, placed.Remaining);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void C10_after_selling_fifty_a_hold_of_six_is_told_five_are_left_and_a_hold_of_five_takes_them()
    {
        var box = E10();
        for (var buyer = 1; buyer <= 5; buyer++)
        {
            box.Buy($"buyer-{buyer}", 10);
        }

        box.Refuse(box.HoldOf("buyer-6", 6), RejectionReason.InsufficientTickets, available: 5);
        var held = box.Place("buyer-6", 5);

        Assert.Equal(0, held.Remaining);
        Assert.Equal(new CategoryAvailability(General, 55, 50, 5, 0), Assert.Single(box.State.Availability().Categories));
        box.Refuse(box.PurchaseOf("buyer-7", 1), RejectionReason.SoldOut, available: 0);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void C10_a_hold_that_would_take_a_buyer_over_the_limit_with_their_purchases_is_LimitExceeded_without_overflow()
    {
        var box = E10();
        box.Buy("mallory", 6);

        box.Refuse(box.HoldOf("mallory", 5), RejectionReason.LimitExceeded);
        box.Refuse(box.HoldOf("mallory", int.MaxValue), RejectionReason.LimitExceeded);

        box.Place("mallory", 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void C10_ChangeCapacity_to_zero_or_below_is_rejected_and_sales_go_on(int capacity)
    {
        var box = E10();

        box.Refuse(new ChangeCapacity("E10", General, capacity), RejectionReason.InvalidEvent);

        Assert.Single(box.Journal);
        box.Buy("mallory", 10);
    }

    [Fact]
    public void C10_bad_cancels_and_check_ins_store_nothing_and_the_next_valid_one_succeeds()
    {
        var box = E10();
        var order = box.Buy("mallory", 2).Order;
        var journal = box.Journal.Count;

        box.Refuse(new Cancel("E10", "mallory", order.Number, []), RejectionReason.InvalidRequest);
        box.Refuse(new Cancel("E10", "mallory", order.Number, [1, 1]), RejectionReason.InvalidRequest);
        box.Refuse(new Cancel("E10", "mallory", order.Number, [int.MinValue]), RejectionReason.UnknownTicket);
        box.Refuse(new Cancel("E10", "mallory", -1), RejectionReason.UnknownOrder);
        box.Refuse(new CheckIn("E10", ""), RejectionReason.InvalidRequest);
        box.Refuse(new CheckIn("E10", new string('x', 10_000)), RejectionReason.InvalidRequest);

        Assert.Equal(journal, box.Journal.Count);
        box.CancelTickets("mallory", order.Number, [2], [2]);
        Assert.IsType<CheckedIn>(box.Send(new CheckIn("E10", order.Tickets[0].Code)).Reply);
        Assert.Empty(box.State.InvariantViolations());
    }
}
