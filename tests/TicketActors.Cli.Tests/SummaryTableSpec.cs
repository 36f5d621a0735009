using TicketActors.Actors.Simulation;
using TicketActors.Cli.Simulate;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Cli.Tests;

/// <summary>The one-line outcome of <c>--quiet</c>: what the table says in one line, a failure's reasons included.</summary>
public sealed class SummaryTableSpec
{
    [Fact]
    public void The_quiet_line_of_a_run_that_holds_says_what_was_sold()
    {
        Assert.Equal("invariants OK: sold 40 of 40 tickets to 40 of 50 users in 48 ms, 0 duplicates",
            SummaryTable.OneLine(Report(violations: [])));
    }

    [Fact]
    public void The_quiet_line_of_a_failed_run_names_every_violation()
    {
        var line = SummaryTable.OneLine(Report(violations: ["2 user(s) got no reply", "ticket serial 7 was received twice"]));

        Assert.Equal("invariants FAILED: sold 40 of 40 tickets to 40 of 50 users in 48 ms, 0 duplicates; " +
            "violation: 2 user(s) got no reply; violation: ticket serial 7 was received twice", line);
    }

    private static SimulationReport Report(IReadOnlyList<string> violations) => new(
        "gala", Seed: 1, Users: 50, Capacity: 40, Sold: 40, SoldBefore: 0, Held: 0, Available: 0, Orders: 40, TicketsReceived: 40,
        new Dictionary<string, int> { ["SoldOut"] = 10 }, TimedOut: 0, Retries: 0, DuplicateTickets: 0,
        InvariantsHold: violations.Count == 0, violations, ElapsedMs: 48, PurchasesPerSecond: 1041.7,
        new LatencyPercentiles(1, 2, 3, 4), [new CategoryAvailability("general", 40, 40, 0, 0)]);
}
