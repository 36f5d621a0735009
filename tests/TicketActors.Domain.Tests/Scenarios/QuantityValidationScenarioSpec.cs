using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>C10 (CASES.md): capacity 55, at most 10 per buyer. Text and fractional quantities cannot reach the domain (Quantity is an int).</summary>
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
}
