using Akka.Actor;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using static TicketActors.Actors.Tests.Stores.BoxOfficeNode;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// The production store: a private PostgreSQL 15 server for this class, a new database per test. The restart scenario
/// of <see cref="RestartRecoverySpec"/>, and a simulation's rush followed by a restart.
/// </summary>
public sealed class PostgresRestartRecoverySpec(PostgresServer server) : RestartRecoverySpec, IClassFixture<PostgresServer>
{
    protected override Task<StoreSettings> NewStoreAsync() => server.NewDatabaseAsync();

    [Fact]
    public async Task Fifty_simulated_buyers_for_five_tickets_buy_exactly_five_and_the_journal_keeps_those_five_after_a_restart()
    {
        var store = await NewStoreAsync();
        var definition = Event("rush", capacity: 5);
        SimulationReport report;
        await using (var first = Start(store))
        {
            var plan = new SimulationPlan(definition, Users: 50, QuantityRange.Single(1), Seed: 5, "run-rush",
                new UserSettings(TimeSpan.FromSeconds(10), MaxAttempts: 3, Narrate: false));
            var coordinator = first.System.ActorOf(PurchaseCoordinatorActor.Props(plan, first.Registry), "coordinator");
            report = Assert.IsType<SimulationCompleted>(await coordinator.Ask<object>(new StartSimulation(), TimeSpan.FromSeconds(60))).Report;
            Assert.Empty(first.Problems);
        }

        Assert.True(report.InvariantsHold, string.Join("; ", report.Violations));
        Assert.Equal((50, 5, 5, 0, 5), (report.Users, report.Sold, report.Orders, report.Available, report.TicketsReceived));
        Assert.Equal(new Dictionary<string, int> { ["SoldOut"] = 45 }, report.Rejected);
        Assert.Equal((0, 0, 0), (report.TimedOut, report.Retries, report.DuplicateTickets));

        await using var second = Start(store);
        var availability = await second.AvailabilityAsync("rush");
        Assert.Equal((5, 5, 0, 0), (availability.Capacity, availability.Sold, availability.Held, availability.Available));

        var journal = await second.RecoverAsync("rush", useSnapshot: false);
        Assert.Null(journal.SnapshotSequenceNr);
        // Six events (the creation and five sales); sales decided during one write share the next journal entry.
        Assert.Equal(journal.Entries.Count, journal.LastSequenceNr);
        Assert.Equal(6, journal.Events.Count);
        Assert.Equal(definition.Id, Assert.IsType<EventCreated>(journal.Events[0]).Definition.Id);
        var issued = journal.Events.Skip(1).Select(e => Assert.IsType<TicketsIssued>(e)).ToList();
        Assert.Equal([1, 2, 3, 4, 5], issued.Select(e => e.OrderNumber));
        Assert.Equal([1, 2, 3, 4, 5], issued.SelectMany(e => e.Tickets).Select(t => t.Serial));
        Assert.Equal(5, issued.SelectMany(e => e.Tickets).Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5, issued.Select(e => e.BuyerId).Distinct(StringComparer.Ordinal).Count());

        // Every stored sale is the order its buyer gets back on a retry, and nothing more is sold.
        foreach (var sale in issued)
        {
            var retry = Assert.IsType<Purchased>(await second.BuyAsync("rush", sale.RequestId, sale.BuyerId, 1));
            Assert.Equal((sale.OrderNumber, sale.IssuedAt), (retry.Order.Number, retry.Order.IssuedAt));
            Assert.Equal<Ticket>(sale.Tickets, retry.Order.Tickets);
        }
        var late = Assert.IsType<Rejected>(await second.BuyAsync("rush", "late-1", "late-buyer", 1));
        Assert.Equal(RejectionReason.SoldOut, late.Reason);
        Assert.Equal(5, (await second.AvailabilityAsync("rush")).Sold);
        Assert.Empty(second.Problems);
    }
}
