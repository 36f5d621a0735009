using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

/// <summary>Every refusal carries exactly one reason, stores no event and leaves the state as it was (checked by <see cref="Expect.Rejected"/>).</summary>
public sealed class PurchaseRejectionSpec
{
    [Fact]
    public void Purchase_before_CreateEvent_is_rejected_with_UnknownEvent()
    {
        var box = new TestBoxOffice();

        box.Refuse(new Purchase("E1", "req-1", "alice", General, 1), RejectionReason.UnknownEvent);

        Assert.Null(box.State.Event);
    }

    [Fact]
    public void A_command_for_another_event_is_rejected_with_UnknownEvent()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));

        box.Refuse(new Purchase("another-event", "req-1", "alice", General, 1), RejectionReason.UnknownEvent);
        box.Refuse(new GetAvailability("another-event"), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void GetAvailability_before_CreateEvent_is_rejected_with_UnknownEvent()
    {
        new TestBoxOffice().Refuse(new GetAvailability("E1"), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void Purchase_is_rejected_with_SoldOut_and_Available_zero_when_the_category_has_no_tickets_left()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));
        box.Buy("alice", 3);

        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SoldOut, available: 0);

        Assert.Equal(new CategoryAvailability(General, 3, 3, 0, 0), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void A_sold_out_refusal_names_its_category_in_a_live_state_a_replayed_one_and_one_restored_from_a_snapshot()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 2, Vip);
        box.Buy("bob", 2, Vip);
        var (replayed, restored) = box.AssertRecoversTheSameState();

        foreach (var state in new[] { box.State, replayed, restored })
        {
            var soldOut = Expect.Rejected(state, box.PurchaseOf("carol", 1, Vip), box.Context, RejectionReason.SoldOut, available: 0);
            Assert.Equal("'vip' is sold out", soldOut.Message);
        }
    }

    [Fact]
    public void A_sold_out_category_does_not_stop_sales_of_another_category()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 2, Vip);
        box.Buy("bob", 2, Vip);
        box.Refuse(box.PurchaseOf("carol", 1, Vip), RejectionReason.SoldOut, available: 0);

        var purchased = box.Buy("carol", 1);

        Assert.Equal(("5", 9), (purchased.Order.SerialRange, purchased.Remaining));
    }

    [Fact]
    public void Purchase_is_rejected_with_InsufficientTickets_naming_what_is_available_when_it_asks_for_more()
    {
        var box = TestBoxOffice.For(SingleCategory(5, 3));
        box.Buy("alice", 3);

        box.Refuse(box.PurchaseOf("bob", 3), RejectionReason.InsufficientTickets, available: 2);

        var purchased = box.Buy("bob", 2);
        Assert.Equal(("4-5", 0), (purchased.Order.SerialRange, purchased.Remaining));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue)]
    public void Purchase_is_rejected_with_LimitExceeded_when_a_single_request_asks_for_more_than_the_limit(int quantity)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(box.PurchaseOf("alice", quantity), RejectionReason.LimitExceeded);

        box.Buy("alice", 4);
    }

    [Fact]
    public void Purchase_is_rejected_with_LimitExceeded_when_the_buyer_would_exceed_the_limit_over_several_purchases()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 2);
        box.Buy("alice", 1);

        box.Refuse(box.PurchaseOf("alice", 2), RejectionReason.LimitExceeded);

        box.Buy("alice", 1);
        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.LimitExceeded);
        Assert.Equal(4, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
    }

    [Fact]
    public void The_limit_counts_per_buyer_and_category_so_other_categories_and_other_buyers_are_unaffected()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 4);
        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.LimitExceeded);

        box.Buy("alice", 2, Vip);
        box.Buy("bob", 4);

        box.Refuse(box.PurchaseOf("alice", 1, Vip), RejectionReason.LimitExceeded);
        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.LimitExceeded);
        Assert.Equal(
            [new CategoryAvailability(General, 10, 8, 0, 2), new CategoryAvailability(Vip, 4, 2, 0, 2)],
            box.State.Availability().Categories.ToArray());
    }

    /// <summary>owned + quantity must not wrap around: a buyer who owns tickets and asks for ~int.MaxValue more is over the limit.</summary>
    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(3, int.MaxValue - 2)]
    public void Purchase_is_rejected_with_LimitExceeded_when_owned_plus_quantity_overflows_int(int owned, int quantity)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", owned);

        box.Refuse(box.PurchaseOf("alice", quantity), RejectionReason.LimitExceeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Purchase_is_rejected_with_InvalidQuantity_when_the_quantity_is_not_positive(int quantity)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(box.PurchaseOf("alice", quantity), RejectionReason.InvalidQuantity);

        box.Buy("alice", 1);
    }

    [Fact]
    public void InvalidQuantity_is_reported_even_before_the_event_exists()
    {
        new TestBoxOffice().Refuse(new Purchase("E1", "req-1", "alice", General, 0), RejectionReason.InvalidQuantity);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    [InlineData(null)]
    [InlineData("too long")]
    public void Purchase_is_rejected_with_InvalidRequest_when_the_request_id_is_missing_blank_or_too_long(string? requestId)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var id = requestId == "too long" ? new string('r', Purchase.MaxIdLength + 1) : requestId!;

        box.Refuse(new Purchase("E1", id, "alice", General, 1), RejectionReason.InvalidRequest);

        box.Buy("alice", 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("too long")]
    public void Purchase_is_rejected_with_InvalidRequest_when_the_buyer_id_is_missing_blank_or_too_long(string? buyerId)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var id = buyerId == "too long" ? new string('b', Purchase.MaxIdLength + 1) : buyerId!;

        box.Refuse(box.PurchaseOf(id, 1), RejectionReason.InvalidRequest);

        box.Buy("alice", 1);
    }

    [Theory]
    [InlineData("balcony")]
    [InlineData("General")]
    public void Purchase_is_rejected_with_UnknownCategory_when_the_event_has_no_such_category(string category)
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        box.Refuse(box.PurchaseOf("alice", 1, category), RejectionReason.UnknownCategory);
    }

    /// <summary>A missing category is a missing request field, like a missing buyer id: refused, not thrown on.</summary>
    [Fact]
    public void Purchase_without_a_category_is_rejected_with_InvalidRequest_and_does_not_throw()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        box.Refuse(new Purchase("E1", "req-1", "alice", null!, 1), RejectionReason.InvalidRequest);
    }

    [Theory]
    [InlineData("another quantity")]
    [InlineData("another category")]
    [InlineData("another buyer")]
    [InlineData("an unknown category")]
    public void Purchase_is_rejected_with_RequestIdConflict_when_its_request_id_was_used_for_another_purchase(string change)
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        var original = box.Buy("alice", 2, requestId: "K1");
        var conflicting = change switch
        {
            "another quantity" => new Purchase("E1", "K1", "alice", General, 3),
            "another category" => new Purchase("E1", "K1", "alice", Vip, 2),
            "another buyer" => new Purchase("E1", "K1", "bob", General, 2),
            "an unknown category" => new Purchase("E1", "K1", "alice", "balcony", 2),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        box.Refuse(conflicting, RejectionReason.RequestIdConflict);

        var replay = Assert.IsType<Purchased>(box.Send(new Purchase("E1", "K1", "alice", General, 2)).Reply);
        OrderAssert.Same(original.Order, replay.Order);
    }

    [Fact]
    public void A_command_the_box_office_does_not_know_is_rejected_with_InvalidRequest()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new RenameEvent("E1", "Another name"), RejectionReason.InvalidRequest);
    }

    [Fact]
    public void Rejections_use_no_ticket_codes()
    {
        var codes = new SequentialTicketCodes();
        var box = TestBoxOffice.For(SingleCategory(3, 3), codes);
        box.Buy("alice", 3);

        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SoldOut, available: 0);
        box.Refuse(box.PurchaseOf("bob", 4), RejectionReason.LimitExceeded);
        box.Refuse(box.PurchaseOf("bob", 0), RejectionReason.InvalidQuantity);

        Assert.Equal(3, codes.Drawn);
    }

    private sealed record RenameEvent(string EventId, string Name) : IBoxOfficeCommand;
}
