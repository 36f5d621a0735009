using System.Collections.Immutable;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.Tests.Simulation;

/// <summary>The run's checks themselves: each invariant the tally checks is shown failing, not only holding.</summary>
public sealed class SimulationTallySpec
{
    private static readonly SimulationPlan Plan = new(
        new EventDefinition("tally", "Tally", DateTimeOffset.UnixEpoch, [new TicketCategory("general", 3, new Money(100, "EUR"), 2)]),
        Users: 2, QuantityRange.Single(1), Seed: 1, RunId: "run", new UserSettings(TimeSpan.FromSeconds(1), 3, Narrate: false));

    [Fact]
    public void A_clean_run_holds_with_no_violation()
    {
        var tally = Tally(Bought(1, (1, "a")), Bought(2, (2, "b")));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 2, available: 1), TimeSpan.FromSeconds(1));

        Assert.True(report.InvariantsHold);
        Assert.Empty(report.Violations);
        Assert.Equal((2, 2, 0), (report.Sold, report.TicketsReceived, report.DuplicateTickets));
    }

    [Fact]
    public void A_serial_received_twice_fails_the_run()
    {
        var tally = Tally(Bought(1, (1, "a")), Bought(2, (1, "b")));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 2, available: 1), TimeSpan.FromSeconds(1));

        Assert.False(report.InvariantsHold);
        Assert.Equal(1, report.DuplicateTickets);
        Assert.Equal(["1 ticket(s) were received twice (same serial or code)"], report.Violations);
    }

    [Fact]
    public void A_code_received_twice_fails_the_run()
    {
        var tally = Tally(Bought(1, (1, "same")), Bought(2, (2, "same")));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 2, available: 1), TimeSpan.FromSeconds(1));

        Assert.False(report.InvariantsHold);
        Assert.Equal(1, report.DuplicateTickets);
    }

    [Fact]
    public void Sold_not_equal_to_the_tickets_received_fails_the_run()
    {
        var tally = Tally(Bought(1, (1, "a")), Rejection(2, RejectionReason.SoldOut));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 2, available: 1), TimeSpan.FromSeconds(1));

        Assert.False(report.InvariantsHold);
        Assert.Equal(["the box office sold 2 tickets in this run but the users received 1"], report.Violations);
    }

    [Fact]
    public void Stock_that_does_not_add_up_to_the_capacity_fails_the_run()
    {
        var tally = Tally(Bought(1, (1, "a")), Bought(2, (2, "b")));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 2, available: 2), TimeSpan.FromSeconds(1));

        Assert.False(report.InvariantsHold);
        Assert.Equal(["category 'general': sold 2 + held 0 + available 2 is not capacity 3"], report.Violations);
    }

    [Fact]
    public void A_user_without_a_reply_fails_the_run()
    {
        var tally = Tally(Bought(1, (1, "a")), new PurchaseOutcome(2, "general", 1, null, null, 0, 3));

        var report = tally.Report(Plan, soldBefore: 0, Final(sold: 1, available: 2), TimeSpan.FromSeconds(1));

        Assert.False(report.InvariantsHold);
        Assert.Equal((1, 2), (report.TimedOut, report.Retries));
        Assert.Equal(["1 user(s) got no reply after every attempt"], report.Violations);
    }

    [Fact]
    public void Tickets_sold_before_the_run_are_not_counted_as_this_runs_sales()
    {
        var tally = Tally(Bought(1, (2, "b")), Rejection(2, RejectionReason.SoldOut));

        var report = tally.Report(Plan, soldBefore: 1, Final(sold: 2, available: 1), TimeSpan.FromSeconds(1));

        Assert.True(report.InvariantsHold, string.Join("; ", report.Violations));
        Assert.Equal((1, 1), (report.Sold, report.SoldBefore));
    }

    private static SimulationTally Tally(params PurchaseOutcome[] outcomes)
    {
        var tally = new SimulationTally(outcomes.Length);
        foreach (var outcome in outcomes)
        {
            tally.Record(outcome);
        }
        Assert.True(tally.IsComplete);
        return tally;
    }

    private static PurchaseOutcome Bought(int user, params (int Serial, string Code)[] tickets) =>
        new(user, "general", tickets.Length,
            new Order(user, $"run-user-{user}", $"user-{user}", "general",
                [.. tickets.Select(t => new Ticket(t.Serial, t.Code, "general"))], DateTimeOffset.UnixEpoch),
            null, 0, 1);

    private static PurchaseOutcome Rejection(int user, RejectionReason reason) => new(user, "general", 1, null, reason, 0, 1);

    private static Availability Final(int sold, int available) =>
        new("tally", ImmutableArray.Create(new CategoryAvailability("general", 3, sold, 0, available)));
}
