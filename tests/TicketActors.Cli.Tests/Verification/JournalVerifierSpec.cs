using Akka.Actor;
using Akka.Persistence;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Verification;
using TicketActors.Cli.Tests.Support;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Cli.Tests.Verification;

/// <summary>
/// The verifier in-process, on a SQLite file where a real box office sold 24 tickets and saved a snapshot every 10
/// events (at 10 and 20; the one at 10 is deleted once the one at 20 is stored): the latest snapshot is compared with
/// the journal replayed to the snapshot's sequence number.
/// </summary>
public sealed class JournalVerifierSpec : IDisposable
{
    private const string EventId = "snap";
    private const string PersistenceId = "box-office-snap";
    private const string Hocon = """
        ticketactors.box-office.snapshot-every = 10
        # the snapshot store announces finished deletions on the event stream: the sign that the snapshot at 20 is stored
        akka.persistence.publish-plugin-commands = on
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_snapshot_the_box_office_saved_equals_its_journal_replayed_to_the_snapshots_sequence_number()
    {
        await using var store = SqliteStoreSystem.Start(_folder.File("tickets.db"), Hocon);
        await SellWithSnapshotsAsync(store);

        var report = await new JournalVerifier(store.System, Patience).VerifyAsync();

        var verified = Assert.Single(report.Events);
        Assert.Empty(verified.Violations);
        Assert.Equal((PersistenceId, EventId, 25L, 100, 24, 0, 76), (verified.PersistenceId, verified.EventId, verified.JournalEvents, verified.Capacity, verified.Sold, verified.Held, verified.Available));
        Assert.Equal(new SnapshotCheck(SnapshotStatus.Matches, 20), verified.Snapshot);
        Assert.True(report.AllHold);
    }

    [Fact]
    public async Task A_snapshot_that_differs_from_the_journal_at_its_sequence_number_is_a_mismatch_and_says_what_differs()
    {
        await using var store = SqliteStoreSystem.Start(_folder.File("tickets.db"), Hocon);
        await SellWithSnapshotsAsync(store);
        // The state after 20 events, stored as if it were the state after 25.
        var at20 = await store.LatestSnapshotAsync(PersistenceId);
        await store.SaveSnapshotAsync(PersistenceId, 25, at20!.Snapshot);

        var report = await new JournalVerifier(store.System, Patience).VerifyAsync();

        var verified = Assert.Single(report.Events);
        Assert.Equal(new SnapshotCheck(SnapshotStatus.Mismatch, 25), verified.Snapshot);
        Assert.Equal(
            ["the snapshot at 25 does not match the journal replayed to 25: " +
             "sales general sold 19 held 0 in the snapshot, general sold 24 held 0 in the journal; " +
             "last serial 19 in the snapshot, 24 in the journal; last order 19 in the snapshot, 24 in the journal; " +
             "19 tickets in the snapshot, 24 in the journal; 19 buyer counts in the snapshot, 24 in the journal; " +
             "19 remembered orders in the snapshot, 24 in the journal"],
            verified.Violations);
        Assert.Equal(1, report.Failed);
    }

    [Fact]
    public async Task A_snapshot_past_the_end_of_the_journal_is_a_mismatch()
    {
        await using var store = SqliteStoreSystem.Start(_folder.File("tickets.db"), Hocon);
        await SellWithSnapshotsAsync(store);
        var at20 = await store.LatestSnapshotAsync(PersistenceId);
        await store.SaveSnapshotAsync(PersistenceId, 30, at20!.Snapshot);

        var report = await new JournalVerifier(store.System, Patience).VerifyAsync();

        var verified = Assert.Single(report.Events);
        Assert.Equal(new SnapshotCheck(SnapshotStatus.Mismatch, 30), verified.Snapshot);
        Assert.Equal(["the snapshot is at sequence number 30, but the journal ends at 25"], verified.Violations);
    }

    [Fact]
    public async Task A_store_without_box_office_journals_verifies_as_zero_events_that_all_hold()
    {
        await using var store = SqliteStoreSystem.Start(_folder.File("tickets.db"));
        await store.AppendAsync("something-else", new EventCreated(Definition("other"), DateTimeOffset.UnixEpoch));

        var report = await new JournalVerifier(store.System, Patience).VerifyAsync();

        Assert.Empty(report.Events);
        Assert.True(report.AllHold);
    }

    /// <summary>Creates the event (journal event 1) and sells 24 tickets one after another (events 2-25); snapshots at 10 and 20.</summary>
    private static async Task SellWithSnapshotsAsync(SqliteStoreSystem store)
    {
        var system = store.System;
        var snapshotAt20Stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new DeletionWatcher(PersistenceId, 19, snapshotAt20Stored)));
        system.EventStream.Subscribe(watcher, typeof(DeleteSnapshots));
        var registry = system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name);

        Assert.IsType<EventAccepted>(await registry.Ask<IBoxOfficeReply>(new CreateEvent(Definition(EventId)), Patience));
        for (var buyer = 1; buyer <= 24; buyer++)
        {
            Assert.IsType<Purchased>(await registry.Ask<IBoxOfficeReply>(new Purchase(EventId, $"request-{buyer}", $"buyer-{buyer}", "general", 1), Patience));
            if (buyer == 19)
            {
                // Event 20 is stored: the box office saves its snapshot, then deletes the older ones.
                await snapshotAt20Stored.Task.WaitAsync(Patience);
            }
        }
        system.Stop(watcher);
    }

    private static EventDefinition Definition(string id) =>
        new(id, "Snapshot spec", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
            [new TicketCategory("general", 100, new Money(2500, "EUR"), 1)]);

    /// <summary>Completes when the snapshots of the persistence id up to the given sequence number were deleted.</summary>
    private sealed class DeletionWatcher : ReceiveActor
    {
        public DeletionWatcher(string persistenceId, long upTo, TaskCompletionSource done) =>
            Receive<DeleteSnapshots>(deleted =>
            {
                if (deleted.PersistenceId == persistenceId && deleted.Criteria.MaxSequenceNr == upTo)
                {
                    done.TrySetResult();
                }
            });
    }
}
