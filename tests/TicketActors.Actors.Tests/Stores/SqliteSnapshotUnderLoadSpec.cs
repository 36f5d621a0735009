using System.Diagnostics;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;
using static TicketActors.Actors.Tests.Stores.BoxOfficeNode;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// CASES C16: the journal and the snapshot store share one SQLite file. Snapshots are saved and old ones deleted while
/// other box offices write their journals; in WAL mode with a busy timeout none of it fails ("database is locked"),
/// and every event recovers to its true state from snapshot plus tail, and from the full journal alone.
/// </summary>
[Collection(nameof(SqliteSnapshotUnderLoadSpec))]
public sealed class SqliteSnapshotUnderLoadSpec(ITestOutputHelper output) : IDisposable
{
    private const int Events = 200;
    private const int BuyersPerEvent = 20;
    private const int Capacity = 15;
    private const int EventsPerWave = 20;
    private const string SnapshotEvery10 = "ticketactors.box-office.snapshot-every = 10";
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task Bursts_on_200_events_save_their_snapshots_without_a_lock_error_and_every_event_recovers_with_or_without_snapshots()
    {
        var eventIds = Enumerable.Range(1, Events).Select(i => $"c16-{i:000}").ToList();
        var clock = Stopwatch.StartNew();
        var replies = new Dictionary<string, IBoxOfficeReply[]>(StringComparer.Ordinal);
        await using (var first = Start(_file.Store, SnapshotEvery10))
        {
            // Waves of events at once: while one box office saves or deletes its snapshot, the others of its wave write
            // their journals. (A wave, not all 200 at once, keeps the test's own load within the asks' patience on 2 cores.)
            foreach (var wave in eventIds.Chunk(EventsPerWave))
            {
                await Task.WhenAll(wave.Select(id => first.CreateAsync(Event(id, Capacity))));
                var bursts = wave.ToDictionary(id => id, id => Task.WhenAll(Enumerable.Range(1, BuyersPerEvent)
                    .Select(b => first.BuyAsync(id, $"{id}-r{b}", $"buyer-{b}", 1))));
                await Task.WhenAll(bursts.Values);
                foreach (var (id, burst) in bursts)
                {
                    replies[id] = await burst;
                }
            }
            output.WriteLine($"{Events * BuyersPerEvent} purchases answered after {clock.ElapsedMilliseconds} ms");

            foreach (var (id, answers) in replies)
            {
                var sold = answers.OfType<Purchased>().ToList();
                Assert.Equal(Enumerable.Range(1, Capacity), sold.SelectMany(p => p.Order.Tickets).Select(t => t.Serial).Order());
                Assert.Equal(Enumerable.Repeat(RejectionReason.SoldOut, BuyersPerEvent - Capacity), answers.OfType<Rejected>().Select(r => r.Reason));
            }
            // Each event has 16 events (EventCreated and 15 sales), and sales decided during one write share the next
            // journal entry. When 10 events are counted, the box office holds the burst's other commands until its
            // writes are stored, saves its snapshot there, and deletes older ones: one snapshot per event, its sales
            // at least 9 and at most the 15 of the event, and the journal's entries contiguous up to the last.
            await AwaitAssertAsync(() => Assert.Equal(eventIds.Select(TicketBoxOfficeActor.PersistenceIdFor).Order(),
                _file.SnapshotRows().Select(row => row.PersistenceId)), Patience);
            Assert.Empty(first.Problems);
        }
        foreach (var id in eventIds)
        {
            var persistenceId = TicketBoxOfficeActor.PersistenceIdFor(id);
            var entries = _file.Count($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{persistenceId}'");
            Assert.Equal(entries, _file.Count($"SELECT MAX(sequence_number) FROM journal WHERE persistence_id = '{persistenceId}'"));
            Assert.InRange(entries, 2, 1 + Capacity);
        }
        output.WriteLine($"first system done after {clock.ElapsedMilliseconds} ms");

        // Snapshot + tail.
        await using (var second = Start(_file.Store, SnapshotEvery10))
        {
            foreach (var wave in eventIds.Chunk(EventsPerWave))
            {
                await Task.WhenAll(wave.Select(id => AssertRecovered(second, id, replies[id], snapshotted: true)));
            }
            Assert.Empty(second.Problems);
        }
        output.WriteLine($"second system done after {clock.ElapsedMilliseconds} ms");

        // The full journal alone.
        Assert.Equal(Events, _file.Count("SELECT COUNT(*) FROM snapshot"));
        _file.Scalar("DELETE FROM snapshot");
        Assert.Equal(0, _file.Count("SELECT COUNT(*) FROM snapshot"));
        await using (var third = Start(_file.Store, SnapshotEvery10))
        {
            foreach (var wave in eventIds.Chunk(EventsPerWave))
            {
                await Task.WhenAll(wave.Select(id => AssertRecovered(third, id, replies[id], snapshotted: false)));
            }
            Assert.Empty(third.Problems);
        }
        output.WriteLine($"third system done after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_saved_shows_up_in_the_captured_log()
    {
        // The check above is only worth something if a snapshot failure reaches the captured log: make one happen.
        await using var node = Start(_file.Store, SnapshotEvery10);
        await node.CreateAsync(Event("no-snapshot-table", Capacity));
        _file.Scalar("DROP TABLE snapshot");

        for (var i = 1; i <= 10; i++)
        {
            await node.BoughtAsync("no-snapshot-table", $"r-{i}", $"buyer-{i}", 1);
        }

        await AwaitAssertAsync(() => Assert.Contains(node.Problems, p =>
            p.Contains("could not save its snapshot at 10", StringComparison.Ordinal) &&
            p.Contains("no such table: snapshot", StringComparison.Ordinal)), Patience);
        Assert.Equal(10, (await node.AvailabilityAsync("no-snapshot-table")).Sold);
    }

    private static async Task AssertRecovered(BoxOfficeNode node, string eventId, IBoxOfficeReply[] replies, bool snapshotted)
    {
        var availability = await node.AvailabilityAsync(eventId);
        Assert.Equal((Capacity, Capacity, 0, 0), (availability.Capacity, availability.Sold, availability.Held, availability.Available));

        // Snapshot plus the entries after it, or (without snapshots) every entry: 16 events either way.
        var recovered = await node.RecoverAsync(eventId);
        Assert.Equal(snapshotted, recovered.SnapshotSequenceNr is not null);
        var snapshotSold = recovered.Snapshot?.Sales.Sum(s => s.Sold) ?? 0;
        Assert.Equal(snapshotted ? Capacity : 1 + Capacity, snapshotSold + recovered.Events.Count);
        Assert.Equal((recovered.SnapshotSequenceNr ?? 0) + recovered.Entries.Count, recovered.LastSequenceNr);
        if (snapshotted)
        {
            Assert.InRange(snapshotSold, 9, Capacity);
        }

        // The first and the last sale of the burst: one lives in the snapshot, the other in the tail.
        var sold = replies.OfType<Purchased>().Select(p => p.Order).OrderBy(o => o.Number).ToList();
        foreach (var original in new[] { sold[0], sold[^1] })
        {
            var retry = Assert.IsType<Purchased>(await node.BuyAsync(eventId, original.RequestId, original.BuyerId, 1));
            AssertSameOrder(original, retry.Order);
        }
        var late = Assert.IsType<Rejected>(await node.BuyAsync(eventId, $"{eventId}-late", "late-buyer", 1));
        Assert.Equal(RejectionReason.SoldOut, late.Reason);
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The load test runs alone, after the other test classes, so their actor systems do not share its 2 cores.</summary>
[CollectionDefinition(nameof(SqliteSnapshotUnderLoadSpec), DisableParallelization = true)]
public sealed class SqliteSnapshotUnderLoadCollection;
