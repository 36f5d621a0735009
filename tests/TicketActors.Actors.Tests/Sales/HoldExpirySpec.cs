using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Sales;

/// <summary>
/// Holds against the real box office actor on a fake clock (Microsoft's FakeTimeProvider): the box office expires a
/// hold itself when its deadline passes, as a stored HoldExpired, also when the deadline passed while no box office
/// ran (CASES C04), and a late confirm never sells (C05). Time moves only when a spec advances the clock.
/// </summary>
public sealed class HoldExpirySpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void C04_a_hold_that_reaches_its_deadline_is_expired_by_the_box_office_and_its_tickets_sell_again()
    {
        var boxOffice = Start("e4", capacity: 5, limit: 5);
        var hold = HoldOf(boxOffice, "e4", "h-frank", "frank", 5, TimeSpan.FromSeconds(2));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(2), hold.ExpiresAt);
        AssertStock(boxOffice, "e4", held: 5, available: 0);

        _clock.Advance(TimeSpan.FromSeconds(3));

        AwaitAssert(() => AssertStock(boxOffice, "e4", held: 0, available: 5), Patience);
        boxOffice.Tell(new Purchase("e4", "p-grace", "grace", "general", 5), TestActor);
        Assert.Equal(5, ExpectMsg<Purchased>(Patience).Order.Quantity);
        boxOffice.Tell(new Confirm("e4", hold.HoldId), TestActor);
        Assert.Equal(RejectionReason.HoldExpired, ExpectMsg<Rejected>(Patience).Reason);
        AssertStock(boxOffice, "e4", held: 0, available: 0, sold: 5);
        Assert.Equal(["EventCreated", "TicketsHeld", "HoldExpired", "TicketsIssued"], JournalOf("e4").Select(e => e.GetType().Name));
    }

    [Fact]
    public void C04_a_hold_whose_deadline_passed_while_no_box_office_ran_is_expired_on_recovery()
    {
        var first = Start("e4r", capacity: 5, limit: 5);
        var hold = HoldOf(first, "e4r", "h-frank", "frank", 5, TimeSpan.FromSeconds(2));
        Stop(first);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var second = Sys.ActorOf(TicketBoxOfficeActor.Props("e4r", Settings()), "e4r-again");

        AwaitAssert(() => AssertStock(second, "e4r", held: 0, available: 5), Patience);
        var expired = Assert.IsType<HoldExpired>(JournalOf("e4r")[^1]);
        Assert.Equal((hold.HoldId, hold.ExpiresAt + TimeSpan.FromSeconds(1)), (expired.HoldId, expired.At));
    }

    [Fact]
    public void A_live_hold_survives_a_restart_and_can_still_be_confirmed_before_its_deadline()
    {
        var first = Start("live", capacity: 5, limit: 5);
        var hold = HoldOf(first, "live", "h-1", "frank", 2, TimeSpan.FromSeconds(10));
        Stop(first);

        _clock.Advance(TimeSpan.FromSeconds(9));
        var second = Sys.ActorOf(TicketBoxOfficeActor.Props("live", Settings()), "live-again");
        AssertStock(second, "live", held: 2, available: 3);
        second.Tell(new Confirm("live", hold.HoldId), TestActor);

        var order = ExpectMsg<Purchased>(Patience).Order;
        Assert.Equal([1, 2], order.Tickets.Select(t => t.Serial));
        _clock.Advance(TimeSpan.FromSeconds(5));
        second.Tell(new Confirm("live", hold.HoldId), TestActor);
        Assert.Equal(order.Tickets, ExpectMsg<Purchased>(Patience).Order.Tickets);
        AssertStock(second, "live", held: 0, available: 3, sold: 2);
        Assert.DoesNotContain(JournalOf("live"), e => e is HoldExpired);
    }

    [Fact]
    public void C05_a_late_confirm_after_the_seat_was_resold_gets_HoldExpired_and_no_ticket()
    {
        var boxOffice = Start("e5", capacity: 1, limit: 1);
        var hank = HoldOf(boxOffice, "e5", "h-hank", "hank", 1, TimeSpan.FromSeconds(5));

        _clock.Advance(TimeSpan.FromSeconds(6));
        AwaitAssert(() => AssertStock(boxOffice, "e5", held: 0, available: 1), Patience);
        var ivy = HoldOf(boxOffice, "e5", "h-ivy", "ivy", 1, TimeSpan.FromSeconds(5));
        boxOffice.Tell(new Confirm("e5", ivy.HoldId), TestActor);
        var ivyOrder = ExpectMsg<Purchased>(Patience).Order;
        boxOffice.Tell(new Confirm("e5", hank.HoldId), TestActor);

        Assert.Equal(RejectionReason.HoldExpired, ExpectMsg<Rejected>(Patience).Reason);
        Assert.Equal(("ivy", 1), (ivyOrder.BuyerId, ivyOrder.Tickets.Single().Serial));
        AssertStock(boxOffice, "e5", held: 0, available: 0, sold: 1);
        var journal = JournalOf("e5");
        Assert.DoesNotContain(journal.OfType<HoldConfirmed>(), c => c.HoldId == hank.HoldId);
        Assert.Single(journal.OfType<HoldExpired>(), e => e.HoldId == hank.HoldId);
    }

    [Fact]
    public async Task C05_race_a_confirm_sent_while_the_clock_passes_the_deadline_either_sells_or_expires_never_both()
    {
        // 201 runs: the clock jumps to 990..1010 ms after the hold (ttl 1 s) on one thread while the confirm is sent
        // on another, so the expiry timer's command and the confirm reach the box office in either order.
        var outcomes = new Dictionary<string, int>();
        for (var run = 0; run <= 200; run++)
        {
            var eventId = $"race-{run}";
            var boxOffice = Start(eventId, capacity: 1, limit: 1);
            var hold = HoldOf(boxOffice, eventId, $"h-{run}", "hank", 1, TimeSpan.FromSeconds(1));
            var jump = TimeSpan.FromMilliseconds(990 + run % 21);

            var advance = Task.Run(() => _clock.Advance(jump));
            boxOffice.Tell(new Confirm(eventId, hold.HoldId), TestActor);
            await advance;
            var reply = ExpectMsg<IBoxOfficeReply>(Patience);
            _clock.Advance(TimeSpan.FromSeconds(2));

            var outcome = reply switch
            {
                Purchased => "confirmed",
                Rejected { Reason: RejectionReason.HoldExpired } => "expired",
                _ => throw new Xunit.Sdk.XunitException($"run {run}: unexpected {reply}"),
            };
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (jump < TimeSpan.FromSeconds(1))
            {
                // Before the deadline in either order: the confirm must sell.
                Assert.Equal("confirmed", outcome);
            }
            var sold = outcome == "confirmed" ? 1 : 0;
            AwaitAssert(() => AssertStock(boxOffice, eventId, held: 0, available: 1 - sold, sold: sold), Patience);
            var ends = JournalOf(eventId).Where(e => e is HoldConfirmed or HoldExpired).Select(e => e.GetType().Name).ToList();
            Assert.Equal([outcome == "confirmed" ? nameof(HoldConfirmed) : nameof(HoldExpired)], ends);
            Sys.Stop(boxOffice);
        }
        // From 1,000 ms on, which one wins depends on the race; every run is one or the other, never both.
        Assert.Equal(201, outcomes.Values.Sum());
    }

    [Fact]
    public void Many_holds_with_different_deadlines_expire_in_deadline_order_as_the_clock_passes_each()
    {
        var boxOffice = Start("many", capacity: 30, limit: 3);
        for (var i = 1; i <= 10; i++)
        {
            HoldOf(boxOffice, "many", $"h-{i}", $"buyer-{i}", 3, TimeSpan.FromSeconds(i));
        }
        AssertStock(boxOffice, "many", held: 30, available: 0);

        for (var passed = 1; passed <= 10; passed++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            var expected = 30 - 3 * passed;
            AwaitAssert(() => AssertStock(boxOffice, "many", held: expected, available: 30 - expected), Patience);
        }
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"h-{i}"),
            JournalOf("many").OfType<HoldExpired>().Select(e => ((TicketsHeld)JournalOf("many").First(h => h is TicketsHeld held && held.HoldId == e.HoldId)).RequestId));
    }

    private BoxOfficeSettings Settings() => BoxOfficeSettings.Default with { Clock = _clock };

    private IActorRef Start(string eventId, int capacity, int limit)
    {
        var boxOffice = Sys.ActorOf(TicketBoxOfficeActor.Props(eventId, Settings()), eventId);
        boxOffice.Tell(new CreateEvent(Event(eventId, capacity, limit)), TestActor);
        ExpectMsg<EventAccepted>(Patience);
        return boxOffice;
    }

    private HoldPlaced HoldOf(IActorRef boxOffice, string eventId, string requestId, string buyerId, int quantity, TimeSpan ttl)
    {
        boxOffice.Tell(new Hold(eventId, requestId, buyerId, "general", quantity, ttl), TestActor);
        return ExpectMsg<HoldPlaced>(Patience);
    }

    private void AssertStock(IActorRef boxOffice, string eventId, int held, int available, int sold = 0)
    {
        var probe = CreateTestProbe();
        boxOffice.Tell(new GetAvailability(eventId), probe.Ref);
        var availability = probe.ExpectMsg<Availability>(Patience);
        Assert.Equal((sold, held, available), (availability.Sold, availability.Held, availability.Available));
    }

    private void Stop(IActorRef boxOffice)
    {
        Watch(boxOffice);
        Sys.Stop(boxOffice);
        ExpectTerminated(boxOffice, Patience);
    }
}
