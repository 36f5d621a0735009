using Akka.Actor;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.Catalog;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Simulation;

/// <summary>Whole simulations: many user actors, one box office, the coordinator's checked report.</summary>
public sealed class PurchaseCoordinatorSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    [Fact]
    public void Concurrent_purchases_from_many_user_actors_sell_exactly_the_capacity()
    {
        var report = Run(Event("rush", capacity: 100), users: 1_000, QuantityRange.Single(1), seed: 1);

        Assert.True(report.InvariantsHold, string.Join("; ", report.Violations));
        Assert.Equal((1_000, 100, 100, 0), (report.Users, report.Capacity, report.Sold, report.Available));
        Assert.Equal((100, 100), (report.Orders, report.TicketsReceived));
        Assert.Equal(new Dictionary<string, int> { ["SoldOut"] = 900 }, report.Rejected);
        Assert.Equal(0, report.TimedOut);
    }

    [Fact]
    public void No_ticket_is_sold_twice()
    {
        var definition = new EventDefinition("mixed", "Mixed", DateTimeOffset.UnixEpoch,
        [
            new TicketCategory("general", 250, new Money(2500, "EUR"), 4),
            new TicketCategory("vip", 50, new Money(9900, "EUR"), 2),
        ]);

        var report = Run(definition, users: 800, new QuantityRange(1, 4), seed: 7);

        Assert.True(report.InvariantsHold, string.Join("; ", report.Violations));
        Assert.Equal(0, report.DuplicateTickets);
        Assert.Equal(report.Sold, report.TicketsReceived);
        Assert.Equal(800, report.Orders + report.Rejected.Values.Sum());
        Assert.All(report.Categories, c => Assert.Equal(c.Capacity, c.Sold + c.Held + c.Available));
        Assert.True(report.Rejected.ContainsKey("LimitExceeded"), "vip's limit of 2 is below the quantities 3-4 some users ask");
        Assert.True(report.LatencyMs.P50 <= report.LatencyMs.P95 && report.LatencyMs.P95 <= report.LatencyMs.P99 && report.LatencyMs.P99 <= report.LatencyMs.Max);
    }

    [Fact]
    public void The_same_seed_makes_the_users_ask_for_the_same_tickets()
    {
        // Enough stock for every request, so what sells is exactly what the seeded users asked for, whatever the interleaving.
        var first = Run(Event("seeded-1", capacity: 1_000, limit: 3), users: 60, new QuantityRange(1, 3), seed: 99);
        var second = Run(Event("seeded-2", capacity: 1_000, limit: 3), users: 60, new QuantityRange(1, 3), seed: 99);

        Assert.Equal(60, first.Orders);
        Assert.Equal(first.Sold, second.Sold);
        Assert.Equal(first.Sold, first.TicketsReceived);
    }

    [Fact]
    public void A_run_whose_event_cannot_be_created_fails_with_the_reason()
    {
        var plan = Plan(Event("broken", capacity: 10, limit: 11), users: 5, QuantityRange.Single(1), seed: 1);

        Sys.ActorOf(PurchaseCoordinatorActor.Props(plan, Registry), "coordinator").Tell(new StartSimulation(), TestActor);

        var failed = ExpectMsg<SimulationFailed>(Patience);
        Assert.Contains("InvalidEvent", failed.Reason);
    }

    private SimulationReport Run(EventDefinition definition, int users, QuantityRange quantity, int seed)
    {
        var coordinator = Sys.ActorOf(PurchaseCoordinatorActor.Props(Plan(definition, users, quantity, seed), Registry), $"coordinator-{definition.Id}");
        coordinator.Tell(new StartSimulation(), TestActor);
        return ExpectMsg<SimulationCompleted>(TimeSpan.FromSeconds(30)).Report;
    }

    private static SimulationPlan Plan(EventDefinition definition, int users, QuantityRange quantity, int seed) =>
        new(definition, users, quantity, seed, $"run-{definition.Id}", new UserSettings(TimeSpan.FromSeconds(10), 3, Narrate: false));
}
