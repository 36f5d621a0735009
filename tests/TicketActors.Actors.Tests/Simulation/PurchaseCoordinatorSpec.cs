using Akka.Actor;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;
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
        // The users report to a probe here, not to the coordinator: the test collects every ticket itself.
        var definition = new EventDefinition("mixed", "Mixed", DateTimeOffset.UnixEpoch,
        [
            new TicketCategory("general", 250, new Money(2500, "EUR"), 4),
            new TicketCategory("vip", 50, new Money(9900, "EUR"), 2),
        ]);
        Registry.Tell(new CreateEvent(definition), TestActor);
        ExpectMsg<EventAccepted>(Patience);
        var outcomes = CreateTestProbe();
        const int users = 400;
        for (var user = 1; user <= users; user++)
        {
            // Every user asks for 1 ticket: demand (400) is above capacity (300), so both categories sell out exactly.
            var category = user % 6 == 0 ? "vip" : "general";
            var purchase = new Purchase("mixed", $"twice-user-{user}", $"user-{user}", category, 1);
            Sys.ActorOf(UserActor.Props(user, purchase, false, Registry, outcomes, new UserSettings(TimeSpan.FromSeconds(10), 3, Narrate: false)));
        }

        var received = Enumerable.Range(0, users).Select(_ => outcomes.ExpectMsg<PurchaseOutcome>(TimeSpan.FromSeconds(30))).ToList();
        var tickets = received.Where(o => o.Order is not null).SelectMany(o => o.Order!.Tickets).ToList();
        Registry.Tell(new GetAvailability("mixed"), TestActor);
        var final = ExpectMsg<Availability>(Patience);

        Assert.Equal(300, tickets.Count);
        Assert.Equal(300, tickets.Select(t => t.Serial).Distinct().Count());
        Assert.Equal(300, tickets.Select(t => t.Code).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 300), tickets.Select(t => t.Serial).Order());
        Assert.Equal(100, received.Count(o => o.Rejection == RejectionReason.SoldOut));
        Assert.Equal((300, 0, 0), (final.Sold, final.Held, final.Available));
        Assert.Equal(50, tickets.Count(t => t.Category == "vip"));
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
    public void No_more_than_the_active_users_wait_for_the_box_office_at_once()
    {
        // The box office is a probe: nothing is answered until the test answers it.
        var boxOffice = CreateTestProbe();
        var plan = Plan(Event("queue", capacity: 100), users: 12, QuantityRange.Single(1), seed: 1) with { ActiveUsers = 5 };
        Sys.ActorOf(PurchaseCoordinatorActor.Props(plan, boxOffice), "coordinator").Tell(new StartSimulation(), TestActor);
        boxOffice.ExpectMsg<CreateEvent>(Patience);
        boxOffice.Reply(new EventAccepted("queue"));
        boxOffice.ExpectMsg<GetAvailability>(Patience);
        boxOffice.Reply(new Availability("queue", [new CategoryAvailability("general", 100, 0, 0, 100)]));

        // Five at the counter; the seven others wait until someone is answered.
        var atCounter = Enumerable.Range(0, 5).Select(_ => (boxOffice.ExpectMsg<Purchase>(Patience), boxOffice.LastSender)).ToList();
        boxOffice.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Answer(atCounter[0]);
        atCounter.Add((boxOffice.ExpectMsg<Purchase>(Patience), boxOffice.LastSender));
        boxOffice.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // Answering everyone at the counter lets the rest in, five at a time at most, until all twelve were served.
        var answered = 1;
        var pending = new Queue<(Purchase, IActorRef)>(atCounter.Skip(1));
        while (pending.Count > 0)
        {
            Answer(pending.Dequeue());
            answered++;
            while (boxOffice.HasMessages)
            {
                pending.Enqueue((boxOffice.ExpectMsg<Purchase>(Patience), boxOffice.LastSender));
            }
            Assert.InRange(pending.Count, 0, 5);
            if (pending.Count == 0 && answered < 12)
            {
                pending.Enqueue((boxOffice.ExpectMsg<Purchase>(Patience), boxOffice.LastSender));
            }
        }
        Assert.Equal(12, answered);
        boxOffice.ExpectMsg<GetAvailability>(Patience);
        boxOffice.Reply(new Availability("queue", [new CategoryAvailability("general", 100, 12, 0, 88)]));
        var report = ExpectMsg<SimulationCompleted>(Patience).Report;
        Assert.Equal((12, 12), (report.Users, report.Orders));

        void Answer((Purchase Purchase, IActorRef User) waiting)
        {
            var serial = int.Parse(waiting.Purchase.BuyerId["user-".Length..]);
            waiting.User.Tell(new Purchased("queue", new Order(serial, waiting.Purchase.RequestId, waiting.Purchase.BuyerId, "general",
                [new Ticket(serial, $"code-{serial}", "general")], DateTimeOffset.UnixEpoch), 100 - serial), boxOffice);
        }
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
