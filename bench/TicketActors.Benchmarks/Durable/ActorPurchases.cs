using Akka.Actor;
using Akka.Configuration;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// The actor design: one hot event in one <see cref="TicketBoxOfficeActor"/> behind the <see cref="BoxOfficeRegistry"/>,
/// exactly as the service runs it (the project's HOCON, the chosen store, group commit). Each buyer sends a
/// <see cref="Purchase"/> of one ticket with a fresh request id and awaits the reply (which comes only after the
/// journal write); only <see cref="Purchased"/> counts.
/// </summary>
public static class ActorPurchases
{
    public const string Category = "general";

    /// <summary>Big enough that no run sells out (the most an event may sell); the per-buyer limit is the same.</summary>
    public const int HotCapacity = EventDefinition.MaxCapacity;

    public static Config BenchConfig { get; } = ConfigurationFactory.ParseString("akka.loglevel = WARNING");

    public static EventDefinition HotEvent(string id, int capacity = HotCapacity, int limit = HotCapacity) =>
        new(id, $"Hot event {id}", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
            [new TicketCategory(Category, capacity, new Money(5000, "EUR"), limit)]);

    public static async Task<BenchmarkRow> RunAsync(StoreSettings store, string storeLabel, int buyers, DurableOptions options, CancellationToken cancellation)
    {
        var eventId = $"hot-{storeLabel}-{buyers}-{Guid.NewGuid():N}"[..40];
        var system = TicketActorsSystem.Create("bench", BenchConfig, store);
        try
        {
            var settings = BoxOfficeSettings.FromConfig(system.Settings.Config);
            var registry = system.ActorOf(BoxOfficeRegistry.Props(settings), BoxOfficeRegistry.Name);
            var created = await registry.Ask<IBoxOfficeReply>(new CreateEvent(HotEvent(eventId)), options.AskTimeout, cancellation);
            if (created is not EventAccepted)
            {
                throw new InvalidOperationException($"the hot event was not created: {created}");
            }

            var run = Guid.NewGuid().ToString("N")[..8];
            var load = await LoadGenerator.RunAsync(buyers, options.WarmUp, options.Duration, async (buyer, number) =>
            {
                var (reply, retries) = await BoxOfficeClient.PurchaseAsync(registry,
                    new Purchase(eventId, $"{run}-{buyer}-{number}", $"buyer-{buyer}", Category, 1), options.AskTimeout, cancellation);
                return new PurchaseOutcome(reply switch
                {
                    Purchased { Order.Quantity: 1 } => null,
                    Rejected rejected => rejected.Reason.ToString(),
                    null => "NoReply",
                    _ => $"unexpected {reply.GetType().Name}",
                }, retries);
            }, cancellation);

            // The checks: the actor's count, and the events the journal really holds (one per sale plus the creation,
            // in fewer entries: a group commit stores the sales decided during one write as one entry).
            var availability = await BoxOfficeClient.AvailabilityAsync(registry, eventId, options.AskTimeout, cancellation);
            var stored = await StoreProbe.JournalEventsAsync(store, TicketBoxOfficeActor.PersistenceIdFor(eventId));
            var entries = await StoreProbe.JournalEntriesAsync(store, TicketBoxOfficeActor.PersistenceIdFor(eventId));
            var problems = new List<string>();
            if (availability.Sold != load.TotalSuccesses)
            {
                problems.Add($"sold {availability.Sold:N0} but {load.TotalSuccesses:N0} Purchased replies");
            }
            if (stored != load.TotalSuccesses + 1)
            {
                problems.Add($"{stored:N0} journal events for {load.TotalSuccesses:N0} sales + 1 creation");
            }
            if (availability.Sold + availability.Held + availability.Available != availability.Capacity)
            {
                problems.Add("sold + held + available != capacity");
            }
            var check = problems.Count == 0
                ? $"sold {availability.Sold:N0} = {load.TotalSuccesses:N0} Purchased replies = journal events - 1 (in {entries:N0} entries)"
                : string.Join("; ", problems);
            // A run that passes snapshot-every events also pays for a snapshot of the whole state: say so, it shows in p99.
            var note = stored >= settings.SnapshotEvery
                ? $"{stored:N0} events passed snapshot-every {settings.SnapshotEvery:N0}: the box office saved a snapshot during the run"
                : null;
            return new BenchmarkRow(storeLabel, BenchmarkRow.ActorDesign, buyers, load, problems.Count == 0, check, note);
        }
        finally
        {
            await system.Terminate();
        }
    }

    public static string FormatFailures(IReadOnlyDictionary<string, long> failures) =>
        string.Join(", ", failures.Select(f => $"{f.Key} {f.Value:N0}"));
}
