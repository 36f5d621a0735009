using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Sales;

/// <summary>Hold: reserve tickets for a time-to-live, all or nothing, counted as held and against the buyer's limit.</summary>
public sealed class HoldSpec
{
    private static readonly DateTimeOffset Now = TestBoxOffice.Now;

    [Fact]
    public void Hold_reserves_the_tickets_until_now_plus_the_ttl_and_counts_them_as_held_not_sold()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        var decision = box.Send(new Hold("E1", "req-1", "alice", General, 3, TimeSpan.FromMinutes(10)));

        Assert.Equal(new HoldPlaced("E1", "h-code-1", General, 3, Now.AddMinutes(10), 7), decision.Reply);
        Assert.Equal(new TicketsHeld("h-code-1", "req-1", "alice", General, 3, Now, Now.AddMinutes(10)), Assert.Single(decision.Events));
        Assert.Equal(
            [new CategoryAvailability(General, 10, 0, 3, 7), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            box.State.Availability().Categories.ToArray());
        Assert.Equal(new TicketHold("h-code-1", "req-1", "alice", General, 3, Now, Now.AddMinutes(10)), box.State.Holds["h-code-1"]);
        Assert.Equal(3, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
        Assert.Equal((0, 0), (box.State.LastSerial, box.State.LastOrderNumber));
        Assert.Empty(box.State.TicketsByCode);
        Assert.Empty(box.State.OrdersByRequestId);
        Assert.Equal(Now.AddMinutes(10), box.State.NextHoldExpiry);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void Held_tickets_are_not_available_to_other_buyers_neither_to_buy_nor_to_hold()
    {
        var box = TestBoxOffice.For(SingleCategory(3, 3));
        box.Place("alice", 3);

        box.Refuse(box.PurchaseOf("bob", 1), RejectionReason.SoldOut, available: 0);
        box.Refuse(box.HoldOf("bob", 1), RejectionReason.SoldOut, available: 0);

        Assert.Equal(new CategoryAvailability(General, 3, 0, 3, 0), Assert.Single(box.State.Availability().Categories));
    }

    [Fact]
    public void A_hold_for_more_than_is_left_is_refused_with_InsufficientTickets_naming_what_is_left()
    {
        var box = TestBoxOffice.For(SingleCategory(5, 5));
        box.Buy("alice", 2);
        box.Place("bob", 1);

        var rejected = box.Refuse(box.HoldOf("carol", 3), RejectionReason.InsufficientTickets, available: 2);

        Assert.Equal("only 2 'general' ticket(s) left, 3 asked for", rejected.Message);
    }

    [Fact]
    public void Holds_count_against_the_per_buyer_limit_together_with_purchases()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 2);
        box.Place("alice", 2);

        var holdRefused = box.Refuse(box.HoldOf("alice", 1), RejectionReason.LimitExceeded);
        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.LimitExceeded);

        Assert.Equal("at most 4 'general' ticket(s) per buyer; buyer 'alice' has 4 (bought or held) and asked for 1", holdRefused.Message);
        Assert.Equal(4, box.State.TicketsPerBuyer[new BuyerCategory("alice", General)]);
        box.Place("bob", 4);
    }

    [Fact]
    public void The_limit_is_per_category_holds_in_one_category_do_not_count_in_another()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Place("alice", 4);

        var vip = box.Place("alice", 2, Vip);

        Assert.Equal(2, vip.Remaining);
    }

    [Fact]
    public void A_hold_id_is_h_and_a_fresh_code_and_a_drawn_id_that_exists_is_drawn_again()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4), new ScriptedTicketCodes("x", "x", "y"));

        var first = box.Place("alice", 1);
        var second = box.Place("bob", 1);

        Assert.Equal(("h-x", "h-y"), (first.HoldId, second.HoldId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_hold_of_no_or_a_negative_quantity_is_refused_with_InvalidQuantity(int quantity)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(box.HoldOf("alice", quantity), RejectionReason.InvalidQuantity);
    }

    [Fact]
    public void A_hold_of_int_MaxValue_is_refused_with_LimitExceeded_without_overflow()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Place("alice", 1);

        box.Refuse(box.HoldOf("alice", int.MaxValue), RejectionReason.LimitExceeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-3_600_000)]
    [InlineData(3_600_001)]
    [InlineData(86_400_000)]
    public void A_ttl_that_is_not_positive_or_longer_than_an_hour_is_refused_with_InvalidTtl(int milliseconds)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        var rejected = box.Refuse(box.HoldOf("alice", 1, ttl: TimeSpan.FromMilliseconds(milliseconds)), RejectionReason.InvalidTtl);

        Assert.Contains("at most 01:00:00", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ttl_of_one_tick_and_a_ttl_of_exactly_the_maximum_are_accepted()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        var shortest = box.Place("alice", 1, ttl: TimeSpan.FromTicks(1));
        var longest = box.Place("bob", 1, ttl: BoxOfficeState.DefaultMaxHoldTtl);

        Assert.Equal((Now.AddTicks(1), Now.AddHours(1)), (shortest.ExpiresAt, longest.ExpiresAt));
    }

    [Fact]
    public void The_longest_ttl_is_a_setting_of_the_box_office()
    {
        var state = new BoxOfficeState(maxHoldTtl: TimeSpan.FromMinutes(5));
        var context = new DecisionContext(Now, new SequentialTicketCodes());
        state.Apply(Assert.Single(state.Decide(new CreateEvent(SingleCategory(10, 4)), context).Events));

        Expect.Rejected(state, new Hold("E1", "r1", "alice", General, 1, TimeSpan.FromMinutes(6)), context, RejectionReason.InvalidTtl);
        Assert.IsType<HoldPlaced>(state.Decide(new Hold("E1", "r1", "alice", General, 1, TimeSpan.FromMinutes(5)), context).Reply);
        Assert.Equal(TimeSpan.FromMinutes(5), state.MaxHoldTtl);
    }

    [Theory]
    [InlineData("", "alice", General)]
    [InlineData(" ", "alice", General)]
    [InlineData("req-1", "", General)]
    [InlineData("req-1", "alice", "")]
    public void A_hold_without_a_request_id_a_buyer_or_a_category_is_refused_with_InvalidRequest(string requestId, string buyer, string category)
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(new Hold("E1", requestId, buyer, category, 1, TestBoxOffice.Ttl), RejectionReason.InvalidRequest);
    }

    [Fact]
    public void A_hold_of_an_unknown_category_or_for_an_unknown_event_is_refused()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));

        box.Refuse(box.HoldOf("alice", 1, "balcony"), RejectionReason.UnknownCategory);
        box.Refuse(new Hold("E2", "req-1", "alice", General, 1, TestBoxOffice.Ttl), RejectionReason.UnknownEvent);
        new TestBoxOffice().Refuse(new Hold("E1", "req-1", "alice", General, 1, TestBoxOffice.Ttl), RejectionReason.UnknownEvent);
    }

    [Fact]
    public void Repeating_a_hold_request_returns_the_original_hold_and_stores_nothing_whatever_became_of_it()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var original = box.Place("alice", 2, requestId: "K1");
        var repeat = new Hold("E1", "K1", "alice", General, 2, TestBoxOffice.Ttl);
        box.Advance(TimeSpan.FromMinutes(1));

        var live = box.Send(repeat);
        box.ConfirmHold(original.HoldId);
        var confirmed = box.Send(repeat);
        box.Advance(TimeSpan.FromHours(2));
        var later = box.Send(repeat);

        Assert.Equal(original, live.Reply);
        Assert.Equal(original, confirmed.Reply);
        Assert.Equal(original, later.Reply);
        Assert.All(new[] { live, confirmed, later }, d => Assert.Empty(d.Events));
        Assert.Single(box.State.Holds);
    }

    [Fact]
    public void A_repeated_hold_request_tells_what_is_available_now()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Place("alice", 2, requestId: "K1");
        box.Buy("bob", 3);

        var replay = Assert.IsType<HoldPlaced>(box.Send(new Hold("E1", "K1", "alice", General, 2, TestBoxOffice.Ttl)).Reply);

        Assert.Equal(5, replay.Remaining);
    }

    [Theory]
    [InlineData("bob", General, 2, 10)]
    [InlineData("alice", "vip", 2, 10)]
    [InlineData("alice", General, 1, 10)]
    [InlineData("alice", General, 2, 11)]
    public void The_same_request_id_with_another_buyer_category_quantity_or_ttl_is_a_RequestIdConflict(string buyer, string category, int quantity, int minutes)
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Place("alice", 2, requestId: "K1");

        var rejected = box.Refuse(new Hold("E1", "K1", buyer, category, quantity, TimeSpan.FromMinutes(minutes)), RejectionReason.RequestIdConflict);

        Assert.Equal("request id 'K1' was already used to hold 2 'general' ticket(s) for 00:10:00 for buyer 'alice'", rejected.Message);
    }

    [Fact]
    public void Purchases_and_holds_share_their_request_ids_one_key_names_one_request()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        box.Buy("alice", 1, requestId: "K1");
        box.Place("bob", 1, requestId: "K2");

        var holdRefused = box.Refuse(new Hold("E1", "K1", "alice", General, 1, TestBoxOffice.Ttl), RejectionReason.RequestIdConflict);
        var purchaseRefused = box.Refuse(new Purchase("E1", "K2", "bob", General, 1), RejectionReason.RequestIdConflict);

        Assert.Equal("request id 'K1' was already used to buy 1 'general' ticket(s) for buyer 'alice'", holdRefused.Message);
        Assert.Equal("request id 'K2' was already used to hold 1 'general' ticket(s) for 00:10:00 for buyer 'bob'", purchaseRefused.Message);
    }

    [Fact]
    public void Decide_of_a_hold_changes_nothing_until_its_event_is_applied()
    {
        var box = TestBoxOffice.For(SingleCategory(10, 4));
        var before = StateSnapshot.Of(box.State);

        var decision = box.State.Decide(box.HoldOf("alice", 2), box.Context);

        Assert.IsType<HoldPlaced>(decision.Reply);
        before.AssertSameAs(StateSnapshot.Of(box.State));
        Assert.Null(box.State.NextHoldExpiry);
    }

    [Fact]
    public void Live_holds_survive_a_restart_and_a_snapshot_with_their_deadlines()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        var first = box.Place("alice", 2);
        box.Advance(TimeSpan.FromMinutes(1));
        box.Place("bob", 1, Vip, ttl: TimeSpan.FromMinutes(3));

        var (replayed, restored) = box.AssertRecoversTheSameState();

        Assert.Equal(Now.AddMinutes(4), replayed.NextHoldExpiry);
        Assert.Equal(Now.AddMinutes(4), restored.NextHoldExpiry);
        Assert.Equal(first.ExpiresAt, restored.Holds[first.HoldId].ExpiresAt);
        Assert.Equal(
            [new CategoryAvailability(General, 10, 0, 2, 8), new CategoryAvailability(Vip, 4, 0, 1, 3)],
            restored.Availability().Categories.ToArray());
    }
}
