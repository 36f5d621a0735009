using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Verification;

/// <summary>
/// Reads every box office journal of the actor system's SQL store through Akka.Persistence.Query, replays each from
/// scratch with a <see cref="BoxOfficeJournalCheck"/>, and compares each latest snapshot with the replay. Reads only:
/// it starts no box office and writes nothing. Every read has a finite timeout.
/// </summary>
public sealed class JournalVerifier
{
    public const string ReadJournalId = "akka.persistence.query.journal.sql";

    /// <summary>How long one read (the list of journals, one snapshot, one event's whole journal) may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private readonly ActorSystem _system;
    private readonly TimeSpan _timeout;
    private readonly int _requestIdWindow;

    public JournalVerifier(ActorSystem system, TimeSpan? timeout = null)
    {
        _system = system;
        _timeout = timeout ?? DefaultTimeout;
        _requestIdWindow = BoxOfficeSettings.FromConfig(system.Settings.Config).RequestIdWindow;
    }

    /// <summary>Verifies every journal whose persistence id starts with <c>box-office-</c>, in the order of their event ids.</summary>
    /// <exception cref="TimeoutException">The store did not list its journals in time.</exception>
    public async Task<VerificationReport> VerifyAsync(CancellationToken cancellation = default)
    {
        var readJournal = await ReadJournalAsync(_system, _timeout, cancellation);
        using var materializer = _system.Materializer(namePrefix: "verify");
        var ids = await readJournal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(BoxOfficeJournalCheck.PersistenceIdPrefix, StringComparison.Ordinal))
            .CompletionTimeout(_timeout)
            .RunWith(Sink.Seq<string>(), materializer)
            .WaitAsync(cancellation);
        var results = new List<EventVerification>(ids.Count);
        foreach (var id in ids.Distinct().Order(StringComparer.Ordinal))
        {
            results.Add(await VerifyAsync(readJournal, materializer, id, cancellation));
        }
        return new VerificationReport(results);
    }

    /// <summary>
    /// The SQL read journal of the system. Its constructor waits for the write journal to be initialized, at most 5 s
    /// (fixed in Akka.Persistence.Sql 1.5.73, <c>.Result</c> on an ask); the first, cold start of the store can take
    /// longer on a busy machine, so it is tried again (each try waits those 5 s) until <paramref name="timeout"/>.
    /// </summary>
    public static async Task<SqlReadJournal> ReadJournalAsync(ActorSystem system, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await Task.Run(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(ReadJournalId), cancellation);
            }
            catch (AggregateException e) when (e.GetBaseException() is AskTimeoutException && Stopwatch.GetElapsedTime(started) < timeout)
            {
                // The write journal is still initializing; the next try waits for it again.
            }
        }
    }

    private async Task<EventVerification> VerifyAsync(SqlReadJournal readJournal, IMaterializer materializer, string persistenceId, CancellationToken cancellation)
    {
        var (snapshot, unreadable) = await LoadSnapshotAsync(persistenceId, cancellation);
        var check = new BoxOfficeJournalCheck(persistenceId, _requestIdWindow,
            snapshot is { Snapshot: BoxOfficeSnapshot state } ? (snapshot.Metadata.SequenceNr, state) : null);
        if (unreadable is not null)
        {
            check.SnapshotUnreadable(null, unreadable);
        }
        else if (snapshot is { Snapshot: not BoxOfficeSnapshot })
        {
            check.SnapshotUnreadable(snapshot.Metadata.SequenceNr, $"it is a {snapshot.Snapshot?.GetType().Name ?? "null"}, not a box office snapshot");
        }
        try
        {
            await readJournal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
                .CompletionTimeout(_timeout)
                .RunForeach(envelope => check.Accept(envelope.SequenceNr, envelope.Event), materializer)
                .WaitAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            check.JournalUnreadable(e.Message);
        }
        return check.Complete();
    }

    /// <summary>The latest snapshot of the journal (null when it has none), or why it cannot be read.</summary>
    private async Task<(SelectedSnapshot? Snapshot, string? Unreadable)> LoadSnapshotAsync(string persistenceId, CancellationToken cancellation)
    {
        var store = Persistence.Instance.Apply(_system).SnapshotStoreFor(null);
        var reply = await store.Ask<object>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), _timeout, cancellation);
        return reply switch
        {
            LoadSnapshotResult result => (result.Snapshot, null),
            LoadSnapshotFailed failed => (null, failed.Cause.Message),
            _ => (null, $"the snapshot store answered {reply.GetType().Name}"),
        };
    }
}
