using System.Diagnostics;
using Akka.Actor;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// How long a box office with a big journal takes to come back, on SQLite. The event is sold through the real box
/// office (concurrent buyers, group commit, snapshots every <c>snapshot-every</c> events as configured), then a
/// fresh actor system is timed from sending <see cref="GetAvailability"/> until the reply: (a) with the snapshot the
/// box office saved, (b) after deleting the snapshots, so the whole journal is replayed.
/// </summary>
public static class RecoveryBenchmark
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromMinutes(2);

    public static async Task<RecoveryResult> RunAsync(string folder, DurableOptions options, TextWriter progress, CancellationToken cancellation)
    {
        var path = Path.Combine(folder, "recovery.db");
        var store = StoreSettings.Sqlite(path);
        var eventId = $"recovery-{Guid.NewGuid():N}"[..24];
        var persistenceId = TicketBoxOfficeActor.PersistenceIdFor(eventId);
        var target = options.RecoveryTickets;
        var quantity = Math.Min(options.RecoveryQuantity, target);

        long sold = 0;
        long retried = 0;
        var soldOut = false;
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        int snapshotEvery;
        TimeSpan writeTime;
        var system = TicketActorsSystem.Create("bench-write", ActorPurchases.BenchConfig, store);
        try
        {
            var settings = BoxOfficeSettings.FromConfig(system.Settings.Config);
            snapshotEvery = settings.SnapshotEvery;
            var registry = system.ActorOf(BoxOfficeRegistry.Props(settings), BoxOfficeRegistry.Name);
            var created = await registry.Ask<IBoxOfficeReply>(new CreateEvent(ActorPurchases.HotEvent(eventId, target, target)), options.AskTimeout, cancellation);
            if (created is not EventAccepted)
            {
                throw new InvalidOperationException($"the recovery event was not created: {created}");
            }

            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(options.RecoveryBudget.TotalSeconds * Stopwatch.Frequency);
            using var reporter = new Timer(_ => progress.WriteLine(
                $"  ... {Interlocked.Read(ref sold):N0} of {target:N0} tickets written after {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s"),
                null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
            var writers = Enumerable.Range(0, options.RecoveryBuyers).Select(buyer => Task.Run(async () =>
            {
                var mine = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var attempt = 0; !Volatile.Read(ref soldOut) && Stopwatch.GetTimestamp() < deadline && !cancellation.IsCancellationRequested; attempt++)
                {
                    var (reply, retries) = await BoxOfficeClient.PurchaseAsync(registry,
                        new Purchase(eventId, $"w-{buyer}-{attempt}", $"buyer-{buyer}", ActorPurchases.Category, quantity), options.AskTimeout, cancellation);
                    Interlocked.Add(ref retried, retries);
                    string failure;
                    switch (reply)
                    {
                        case Purchased purchased:
                            Interlocked.Add(ref sold, purchased.Order.Quantity);
                            continue;
                        case Rejected { Reason: RejectionReason.SoldOut or RejectionReason.InsufficientTickets }:
                            Volatile.Write(ref soldOut, true);
                            continue;
                        case Rejected rejected:
                            failure = rejected.Reason.ToString();
                            break;
                        case null:
                            failure = "NoReply";
                            break;
                        default:
                            failure = reply.GetType().Name;
                            break;
                    }
                    mine[failure] = mine.GetValueOrDefault(failure) + 1;
                }
                return mine;
            }, CancellationToken.None)).ToArray();
            foreach (var (reason, count) in (await Task.WhenAll(writers)).SelectMany(m => m))
            {
                failures[reason] = failures.GetValueOrDefault(reason) + count;
            }
            writeTime = Stopwatch.GetElapsedTime(started);

            var availability = await BoxOfficeClient.AvailabilityAsync(registry, eventId, options.AskTimeout, cancellation);
            if (availability.Sold != sold)
            {
                throw new InvalidOperationException($"the box office sold {availability.Sold:N0} but the writers were told {sold:N0}");
            }

            // The box office saves its snapshot once the writes in flight are stored; wait until the latest one it
            // owes is in the table, so (a) recovers from the snapshot a running service would have.
            var events = await StoreProbe.JournalEventsAsync(store, persistenceId);
            if (events >= snapshotEvery)
            {
                // Owed while snapshot-every or more events lie after the latest snapshot.
                var waitUntil = Stopwatch.GetTimestamp() + (long)(SnapshotWait.TotalSeconds * Stopwatch.Frequency);
                while (events - await StoreProbe.JournalEventsAsync(store, persistenceId, await StoreProbe.LatestSnapshotAsync(store, persistenceId)) >= snapshotEvery
                    && Stopwatch.GetTimestamp() < waitUntil)
                {
                    await Task.Delay(200, cancellation);
                }
            }
        }
        finally
        {
            await system.Terminate();
        }

        var journalEvents = await StoreProbe.JournalEventsAsync(store, persistenceId);
        var journalEntries = await StoreProbe.JournalEntriesAsync(store, persistenceId);
        var snapshotSequenceNr = await StoreProbe.LatestSnapshotAsync(store, persistenceId);
        var snapshotEvents = snapshotSequenceNr > 0 ? await StoreProbe.JournalEventsAsync(store, persistenceId, snapshotSequenceNr) : 0;
        var snapshotBytes = await StoreProbe.LatestSnapshotBytesAsync(store, persistenceId);
        var fileBytes = new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

        var (withSnapshot, soldA) = await TimeRecoveryAsync(store, eventId, cancellation);
        await StoreProbe.DeleteSnapshotsAsync(store, persistenceId);
        var (fromJournal, soldB) = await TimeRecoveryAsync(store, eventId, cancellation);

        return new RecoveryResult(target, sold, journalEvents, journalEntries, quantity, options.RecoveryBuyers, writeTime,
            Reduced: !soldOut && sold < target, snapshotEvery, snapshotSequenceNr, snapshotEvents, snapshotBytes, fileBytes,
            withSnapshot, soldA, fromJournal, soldB, failures, retried);
    }

    /// <summary>A fresh actor system on the file; the time from sending GetAvailability until its reply (the box office recovers first).</summary>
    private static async Task<(TimeSpan Elapsed, long Sold)> TimeRecoveryAsync(StoreSettings store, string eventId, CancellationToken cancellation)
    {
        var system = TicketActorsSystem.Create("bench-recover", ActorPurchases.BenchConfig, store);
        try
        {
            var registry = system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var reply = await registry.Ask<IBoxOfficeReply>(new GetAvailability(eventId), RecoveryTimeout, cancellation);
                return (Stopwatch.GetElapsedTime(started), reply is Availability availability ? availability.Sold : -1);
            }
            catch (AskTimeoutException)
            {
                return (Stopwatch.GetElapsedTime(started), -1);
            }
        }
        finally
        {
            await system.Terminate();
        }
    }
}
