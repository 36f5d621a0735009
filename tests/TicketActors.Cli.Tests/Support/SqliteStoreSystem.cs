using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Verification;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Cli.Tests.Support;

/// <summary>
/// An actor system of the project's own configuration on a SQLite file, inside the test process: to read a journal the
/// way the program wrote it, to write crafted events under a box office's persistence id, and to save snapshots.
/// </summary>
public sealed class SqliteStoreSystem : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private SqliteStoreSystem(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public static SqliteStoreSystem Start(string file, string hocon = "") =>
        new(TicketActorsSystem.Create("spec",
            ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")),
            StoreSettings.Sqlite(file)));

    /// <summary>Every stored event of the journal, in order, read through the SQL read journal.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> JournalAsync(string persistenceId)
    {
        var readJournal = await JournalVerifier.ReadJournalAsync(System, Patience);
        using var materializer = System.Materializer(namePrefix: "spec-read");
        return await readJournal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .CompletionTimeout(Patience)
            .RunWith(Sink.Seq<EventEnvelope>(), materializer);
    }

    /// <summary>Appends events to the journal of <paramref name="persistenceId"/> as its box office would, whatever they say.</summary>
    public async Task AppendAsync(string persistenceId, params IBoxOfficeEvent[] events)
    {
        var writer = System.ActorOf(Props.Create(() => new JournalWriter(persistenceId)));
        try
        {
            await writer.Ask<Done>(events, Patience);
        }
        finally
        {
            System.Stop(writer);
        }
    }

    /// <summary>The latest snapshot of the persistence id, or null.</summary>
    public async Task<SelectedSnapshot?> LatestSnapshotAsync(string persistenceId)
    {
        var reply = await SnapshotStore.Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), Patience);
        return reply.Snapshot;
    }

    /// <summary>Saves <paramref name="snapshot"/> as the persistence id's snapshot at <paramref name="sequenceNr"/>.</summary>
    public async Task SaveSnapshotAsync(string persistenceId, long sequenceNr, object snapshot) =>
        await SnapshotStore.Ask<SaveSnapshotSuccess>(new SaveSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, DateTime.UtcNow), snapshot), Patience);

    public async ValueTask DisposeAsync()
    {
        await System.Terminate().WaitAsync(Patience);
        // Pooled connections keep the file open; the next process (or the folder's deletion) should find it closed.
        SqliteConnection.ClearAllPools();
    }

    private IActorRef SnapshotStore => Persistence.Instance.Apply(System).SnapshotStoreFor(null);

    /// <summary>Persists whatever it is given under the persistence id, after recovering what is already there.</summary>
    private sealed class JournalWriter : ReceivePersistentActor
    {
        public JournalWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            RecoverAny(_ => { });
            Command<IBoxOfficeEvent[]>(events =>
            {
                var replyTo = Sender;
                var left = events.Length;
                PersistAll(events, _ =>
                {
                    if (--left == 0)
                    {
                        replyTo.Tell(Done.Instance);
                    }
                });
            });
        }

        public override string PersistenceId { get; }
    }
}
