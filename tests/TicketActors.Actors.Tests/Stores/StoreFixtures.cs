using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;
using TicketActors.Testing;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// One private PostgreSQL 15 server per test class (xunit class fixture), a fresh database per test. If the server
/// cannot start, every test of the class fails with the reason: these tests never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    /// <summary>A store on a new, empty database of the server.</summary>
    public async Task<StoreSettings> NewDatabaseAsync()
    {
        var server = _server ?? throw new InvalidOperationException("the PostgreSQL server did not start");
        var database = $"t_{Guid.NewGuid():N}";
        await server.CreateDatabaseAsync(database);
        return StoreSettings.Postgres(server.ConnectionString(database));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A SQLite store in a temp folder of its own, deleted (with its -wal and -shm files) on dispose.</summary>
public sealed class SqliteFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ticketactors-sqlite-").FullName;

    public string FilePath => Path.Combine(_folder, "tickets.db");

    public StoreSettings Store => StoreSettings.Sqlite(FilePath);

    /// <summary>Runs SQL on the file from outside the actor system: counts, a pragma, a delete.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection(Store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every snapshot row as (persistence id, sequence number), in order.</summary>
    public IReadOnlyList<(string PersistenceId, long SequenceNr)> SnapshotRows()
    {
        using var connection = new SqliteConnection(Store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number FROM snapshot ORDER BY persistence_id, sequence_number";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return rows;
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(Store.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// One actor system on a store, with the box office registry of the real programs, finite-timeout asks, the journal
/// read back by a probe persistent actor, and every Error and Warning the system logs. Dispose terminates the system.
/// </summary>
public sealed class BoxOfficeNode : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<LogEvent> _problems = new();

    private BoxOfficeNode(StoreSettings store, string hocon)
    {
        System = TicketActorsSystem.Create("stores", ConfigurationFactory.ParseString(hocon), store);
        var collector = System.ActorOf(Props.Create(() => new LogCollector(_problems)), "log-collector");
        System.EventStream.Subscribe(collector, typeof(Error));
        System.EventStream.Subscribe(collector, typeof(Warning));
        Registry = System.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(System.Settings.Config)), BoxOfficeRegistry.Name);
    }

    public ActorSystem System { get; }

    public IActorRef Registry { get; }

    /// <summary>Every Error and Warning logged so far, as text with its cause.</summary>
    public IReadOnlyList<string> Problems => [.. _problems.Select(e => $"[{e.LogLevel()}] {e.LogSource}: {e.Message} {e.Cause}")];

    public static BoxOfficeNode Start(StoreSettings store, string hocon = "") => new(store, hocon);

    public static EventDefinition Event(string id, int capacity, int limit = 1) =>
        new(id, $"Event {id}", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
            [new TicketCategory("general", capacity, new Money(2500, "EUR"), limit)]);

    public Task<IBoxOfficeReply> AskAsync(IBoxOfficeCommand command) => Registry.Ask<IBoxOfficeReply>(command, Patience);

    public async Task CreateAsync(EventDefinition definition) =>
        Assert.Equal(new EventAccepted(definition.Id), await AskAsync(new CreateEvent(definition)));

    public async Task<Availability> AvailabilityAsync(string eventId) =>
        Assert.IsType<Availability>(await AskAsync(new GetAvailability(eventId)));

    public Task<IBoxOfficeReply> BuyAsync(string eventId, string requestId, string buyerId, int quantity) =>
        AskAsync(new Purchase(eventId, requestId, buyerId, "general", quantity));

    public async Task<Order> BoughtAsync(string eventId, string requestId, string buyerId, int quantity) =>
        Assert.IsType<Purchased>(await BuyAsync(eventId, requestId, buyerId, quantity)).Order;

    /// <summary>
    /// What a recovery of the event's persistence id sees, read by a probe persistent actor: the snapshot offered (if
    /// <paramref name="useSnapshot"/>) and the events replayed after it.
    /// </summary>
    public async Task<Recovered> RecoverAsync(string eventId, bool useSnapshot = true)
    {
        var done = new TaskCompletionSource<Recovered>(TaskCreationOptions.RunContinuationsAsynchronously);
        var persistenceId = TicketBoxOfficeActor.PersistenceIdFor(eventId);
        System.ActorOf(Props.Create(() => new JournalReader(persistenceId, useSnapshot, done)));
        return await done.Task.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(Patience);

    /// <summary>Two orders are the same: number, request, buyer, time, and every ticket's serial and code.</summary>
    public static void AssertSameOrder(Order expected, Order actual)
    {
        Assert.Equal((expected.Number, expected.RequestId, expected.BuyerId, expected.Category, expected.IssuedAt),
            (actual.Number, actual.RequestId, actual.BuyerId, actual.Category, actual.IssuedAt));
        Assert.Equal<Ticket>(expected.Tickets, actual.Tickets);
    }

    /// <summary>Retries <paramref name="assertion"/> until it passes or <paramref name="within"/> is over (like TestKit's AwaitAssert).</summary>
    public static async Task AwaitAssertAsync(Action assertion, TimeSpan within)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<LogEvent> problems) => Receive<LogEvent>(problems.Enqueue);
    }

    private sealed class JournalReader : ReceivePersistentActor
    {
        private readonly bool _useSnapshot;
        private readonly TaskCompletionSource<Recovered> _done;
        private readonly List<object> _events = [];
        private long? _snapshotSequenceNr;
        private BoxOfficeSnapshot? _snapshot;

        public JournalReader(string persistenceId, bool useSnapshot, TaskCompletionSource<Recovered> done)
        {
            PersistenceId = persistenceId;
            _useSnapshot = useSnapshot;
            _done = done;
            Recover<SnapshotOffer>(offer =>
            {
                _snapshotSequenceNr = offer.Metadata.SequenceNr;
                _snapshot = (BoxOfficeSnapshot)offer.Snapshot;
            });
            Recover<RecoveryCompleted>(_ =>
            {
                done.TrySetResult(new Recovered(_snapshotSequenceNr, _snapshot, _events, LastSequenceNr));
                Context.Stop(Self);
            });
            RecoverAny(_events.Add);
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => _useSnapshot ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None);

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _done.TrySetException(new InvalidOperationException($"the journal of {PersistenceId} could not be read", reason));
            base.OnRecoveryFailure(reason, message);
        }
    }
}

/// <summary>
/// What a recovery saw: the snapshot's sequence number and content (if one was offered), the journal entries after it
/// (a group-commit batch is one entry), and the last sequence number.
/// </summary>
public sealed record Recovered(long? SnapshotSequenceNr, BoxOfficeSnapshot? Snapshot, IReadOnlyList<object> Entries, long LastSequenceNr)
{
    /// <summary>The box office events of <see cref="Entries"/>, a batch's events one by one.</summary>
    public IReadOnlyList<IBoxOfficeEvent> Events { get; } = [.. Entries.SelectMany(EventBatch.Unpack)];
}
