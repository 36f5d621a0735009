using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Serialization;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using static TicketActors.Actors.Tests.Stores.BoxOfficeNode;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// Snapshots on the SQLite store: written every <c>snapshot-every</c> events, older ones deleted, and a new actor system
/// recovers from the latest snapshot plus the events after it, to the same state as before.
/// </summary>
public sealed class SqliteSnapshotSpec : IDisposable
{
    private const string SnapshotEvery10 = "ticketactors.box-office.snapshot-every = 10";
    private static readonly string PersistenceId = TicketBoxOfficeActor.PersistenceIdFor("snap");
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task Thirty_five_sales_with_a_snapshot_every_ten_events_recover_from_the_snapshot_at_30_plus_six_events()
    {
        var orders = new List<Order>();
        Availability before;
        await using (var first = Start(_file.Store, SnapshotEvery10))
        {
            await first.CreateAsync(Event("snap", capacity: 100));
            for (var i = 1; i <= 35; i++)
            {
                orders.Add(await first.BoughtAsync("snap", $"r-{i}", $"buyer-{i}", 1));
            }
            before = await first.AvailabilityAsync("snap");

            // EventCreated is sequence number 1 and sale i is i + 1: snapshots at 10, 20 and 30; each deletes the ones before it.
            await AwaitAssertAsync(() => Assert.Equal([(PersistenceId, 30L)], _file.SnapshotRows()), Patience);
            var recovered = await first.RecoverAsync("snap");
            Assert.Equal((30L, 36L, 6), (recovered.SnapshotSequenceNr, recovered.LastSequenceNr, recovered.Events.Count));
            Assert.Equal((29, 29), (recovered.Snapshot!.LastSerial, recovered.Snapshot.LastOrderNumber));
            Assert.Equal(["r-30", "r-31", "r-32", "r-33", "r-34", "r-35"], recovered.Events.Cast<TicketsIssued>().Select(e => e.RequestId));
            Assert.Empty(first.Problems);
        }

        Assert.Equal(Enumerable.Range(1, 35), orders.Select(o => o.Tickets.Single().Serial));
        Assert.Equal((100, 35, 0, 65), (before.Capacity, before.Sold, before.Held, before.Available));
        Assert.Equal([(PersistenceId, 30L)], _file.SnapshotRows());
        Assert.Equal(36, _file.Count($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{PersistenceId}'"));

        await using var second = Start(_file.Store, SnapshotEvery10);
        var after = await second.AvailabilityAsync("snap");
        Assert.Equal<CategoryAvailability>(before.Categories, after.Categories);
        foreach (var original in orders)
        {
            var retry = Assert.IsType<Purchased>(await second.BuyAsync("snap", original.RequestId, original.BuyerId, 1));
            AssertSameOrder(original, retry.Order);
        }
        var next = await second.BoughtAsync("snap", "r-36", "buyer-36", 1);
        Assert.Equal((36, 36), (next.Number, next.Tickets.Single().Serial));
        Assert.DoesNotContain(next.Tickets.Single().Code, orders.Select(o => o.Tickets.Single().Code));
        Assert.Equal(36, (await second.AvailabilityAsync("snap")).Sold);
        Assert.Empty(second.Problems);
    }

    [Fact]
    public async Task The_store_creates_journal_and_snapshot_tables_in_one_file_in_WAL_mode()
    {
        await using (var node = Start(_file.Store, SnapshotEvery10))
        {
            await node.CreateAsync(Event("snap", capacity: 100));
            for (var i = 1; i <= 9; i++)
            {
                await node.BoughtAsync("snap", $"r-{i}", $"buyer-{i}", 1);
            }
            await AwaitAssertAsync(() => Assert.Equal([(PersistenceId, 10L)], _file.SnapshotRows()), Patience);
        }

        Assert.Equal("wal", _file.Scalar("PRAGMA journal_mode"));
        Assert.Equal("journal,snapshot,tags", _file.Scalar("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)"));
        Assert.Equal("created,manifest,persistence_id,sequence_number,serializer_id,snapshot",
            _file.Scalar("SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('snapshot') ORDER BY name)"));
        Assert.Equal($"{BoxOfficeSerializer.Id}|{BoxOfficeSerializer.SnapshotManifest}",
            _file.Scalar("SELECT serializer_id || '|' || manifest FROM snapshot"));
    }

    public void Dispose() => _file.Dispose();
}
