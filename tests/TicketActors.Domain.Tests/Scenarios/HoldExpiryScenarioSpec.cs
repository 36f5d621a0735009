using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Scenarios;

/// <summary>
/// C04 (CASES.md): expired holds go back to the pool. The actor sends ExpireHolds when <see cref="BoxOfficeState.NextHoldExpiry"/>
/// is due; here the specs send it themselves at the time the timer would fire.
/// </summary>
public sealed class HoldExpiryScenarioSpec
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    private static TestBoxOffice E4() => TestBoxOffice.For(SingleCategory(5, 5, "E4"));

    [Fact]
    public void C04_a_hold_of_every_ticket_expires_after_its_ttl_and_the_tickets_sell_again()
    {
        var box = E4();
        var hold = box.Place("frank", 5, ttl: TwoSeconds);
        box.Refuse(box.PurchaseOf("grace", 5), RejectionReason.SoldOut, available: 0);
        box.Advance(TimeSpan.FromSeconds(3));

        var expiry = box.Send(new ExpireHolds("E4"));

        Assert.Equal(new HoldsExpired("E4", 1, null), expiry.Reply);
        Assert.Equal(new HoldExpired(hold.HoldId, TestBoxOffice.Now.AddSeconds(3)), Assert.Single(expiry.Events));
        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(box.State.Availability().Categories));
        Assert.Equal("1-5", box.Buy("grace", 5).Order.SerialRange);
        Assert.Empty(box.State.InvariantViolations());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C04_a_restart_while_the_hold_is_live_expires_it_on_recovery_from_the_stored_deadline(bool fromSnapshot)
    {
        var box = E4();
        var hold = box.Place("frank", 5, ttl: TwoSeconds);

        // The process stops here; it starts again 3 s later, after the TTL.
        var recovered = fromSnapshot ? BoxOfficeState.FromSnapshot(box.State.ToSnapshot()) : BoxOfficeState.Replay(box.Journal);
        var later = box.Context with { Now = TestBoxOffice.Now.AddSeconds(3) };

        Assert.Equal(hold.ExpiresAt, recovered.NextHoldExpiry);
        Assert.True(recovered.NextHoldExpiry <= later.Now, "the recovered box office must see the expiry as due at once");
        var expiry = recovered.Decide(new ExpireHolds("E4"), later);
        Assert.Equal(new HoldExpired(hold.HoldId, later.Now), Assert.Single(expiry.Events));
        recovered.Apply(expiry.Events[0]);
        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(recovered.Availability().Categories));
        Assert.IsType<Purchased>(recovered.Decide(new Purchase("E4", "g-1", "grace", General, 5), later).Reply);
    }

    [Fact]
    public void C04_a_confirm_after_the_expiry_is_refused_with_HoldExpired_and_no_sale_is_recorded()
    {
        var box = E4();
        var hold = box.Place("frank", 5, ttl: TwoSeconds);
        box.Advance(TimeSpan.FromSeconds(3));
        box.Send(new ExpireHolds("E4"));

        box.Refuse(new Confirm("E4", hold.HoldId), RejectionReason.HoldExpired);

        Assert.DoesNotContain(box.Journal, e => e is TicketsIssued or HoldConfirmed);
        Assert.Empty(box.State.TicketsByCode);
        Assert.Empty(box.State.TicketsPerBuyer);
        box.AssertRecoversTheSameState();
    }

    [Fact]
    public void C04_a_confirm_after_the_ttl_but_before_the_sweep_is_refused_too_and_the_sweep_then_expires_the_hold()
    {
        var box = E4();
        var hold = box.Place("frank", 5, ttl: TwoSeconds);
        box.Advance(TimeSpan.FromSeconds(3));

        box.Refuse(new Confirm("E4", hold.HoldId), RejectionReason.HoldExpired);
        box.Send(new ExpireHolds("E4"));

        Assert.Equal(HoldStatus.Expired, box.State.Holds[hold.HoldId].Status);
        Assert.Equal(new CategoryAvailability(General, 5, 0, 0, 5), Assert.Single(box.State.Availability().Categories));
    }
}
