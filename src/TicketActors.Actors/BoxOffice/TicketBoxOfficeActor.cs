using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// Owns one event's tickets. Commands are decided one at a time by <see cref="BoxOfficeState"/>, so nothing is sold
/// twice without a lock. An accepted decision is applied at once, so the next command is decided against a state that
/// counts it, and its events join the next journal write. One write is in flight at a time; everything decided
/// meanwhile is stored together by the next one, as one <see cref="EventBatch"/> entry (group commit): the busier the
/// box office, the bigger its writes. A success, and any answer that reads the state, is replied only once the events
/// it depends on are stored; a rejection changes nothing and is replied at once. When a write fails, is rejected or
/// takes longer than the write timeout, everyone waiting gets <c>Unavailable</c> and the actor stops: its next
/// incarnation recovers the true state from the journal (snapshot plus the entries after it).
/// </summary>
public sealed class TicketBoxOfficeActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _eventId;
    private readonly BoxOfficeSettings _settings;
    private readonly ITicketCodeGenerator _codes;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Events decided and applied but not yet sent to the journal, and the replies that wait for them.</summary>
    private readonly List<IBoxOfficeEvent> _unsent = [];
    private List<AwaitingWrite> _waitingForNextWrite = [];

    /// <summary>The replies that wait for the write in flight (if <see cref="_writing"/>).</summary>
    private List<AwaitingWrite> _waitingForWrite = [];
    private bool _writing;
    private int _eventsInWrite;

    /// <summary>The journal's events plus the unsent and in-flight ones: what new commands are decided against.</summary>
    private BoxOfficeState _state;
    private int _eventsSinceSnapshot;
    private bool _snapshotDue;

    /// <summary>Events decided but not yet stored. Past the limit new commands wait (in the stash), so a flood of
    /// buyers cannot run ahead of the journal: write latency and the size of one write stay bounded.</summary>
    private int _eventsInFlight;
    private int _held;
    private int _released;

    /// <summary>The clock's timer that sends <see cref="ExpireHolds"/> at the earliest deadline of a live hold.</summary>
    private ITimer? _holdExpiryTimer;
    private DateTimeOffset? _holdExpiryAt;

    public TicketBoxOfficeActor(string eventId, BoxOfficeSettings settings)
    {
        _eventId = eventId;
        _settings = settings;
        _codes = settings.NewCodeGenerator();
        _state = new BoxOfficeState(settings.RequestIdWindow, settings.MaxHoldTtl);
        PersistenceId = PersistenceIdFor(eventId);

        Recover<SnapshotOffer>(offer =>
        {
            _state = BoxOfficeState.FromSnapshot((BoxOfficeSnapshot)offer.Snapshot, settings.RequestIdWindow, settings.MaxHoldTtl);
            _eventsSinceSnapshot = 0;
        });
        Recover<IBoxOfficeEvent>(e =>
        {
            _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Recover<EventBatch>(batch =>
        {
            foreach (var e in batch.Events)
            {
                _state.Apply(e);
            }
            _eventsSinceSnapshot += batch.Events.Count;
        });
        // Holds whose deadline passed while no box office ran expire now (CASES C04): the deadlines are in the journal.
        Recover<RecoveryCompleted>(_ => ScheduleHoldExpiry());
        Command<IBoxOfficeCommand>(Handle);
        Command<WriteTimedOut>(_ => OnWriteTimedOut());
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning(failure.Cause, "Box office {EventId} could not save its snapshot at {SequenceNr}; recovery replays more events",
                _eventId, failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure =>
            _log.Warning(failure.Cause, "Box office {EventId} could not delete its old snapshots", _eventId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string eventId) => $"box-office-{eventId}";

    public static Props Props(string eventId, BoxOfficeSettings settings) =>
        Akka.Actor.Props.Create(() => new TicketBoxOfficeActor(eventId, settings));

    private void Handle(IBoxOfficeCommand command)
    {
        if (_released > 0)
        {
            // Unstashed commands come back at the front of the mailbox: this is the oldest held one.
            _released--;
        }
        else if (_held > 0 || _snapshotDue || _eventsInFlight >= _settings.MaxEventsInFlight)
        {
            // Held back, in arrival order: the journal is behind, or a snapshot waits for the writes in flight.
            Stash.Stash();
            _held++;
            return;
        }
        if (command is ExpireHolds)
        {
            // The timer fired (or someone asked): whatever is still live afterwards gets a new timer.
            _holdExpiryAt = null;
        }
        Decide(command);
        ScheduleHoldExpiry();
        ReleaseHeld();
    }

    /// <summary>Lets the oldest held command in, one at a time, whenever there is room again.</summary>
    private void ReleaseHeld()
    {
        if (_held > 0 && _released == 0 && !_snapshotDue && _eventsInFlight < _settings.MaxEventsInFlight)
        {
            Stash.Unstash();
            _held--;
            _released++;
        }
    }

    private void Decide(IBoxOfficeCommand command)
    {
        Decision decision;
        try
        {
            decision = _state.Decide(command, new DecisionContext(_settings.Clock.GetUtcNow(), _codes));
        }
        catch (Exception e)
        {
            // A bug must not cost the buyer their one reply; the restart then recovers a true state from the journal.
            Sender.Tell(new Rejected(_eventId, (command as Purchase)?.RequestId, RejectionReason.Unavailable,
                "the box office failed to decide; retry with the same request id"));
            _log.Error(e, "Box office {EventId} failed to decide {Command}", _eventId, command.GetType().Name);
            throw;
        }
        if (!decision.IsAccepted || (decision.Events.IsEmpty && !_writing && _unsent.Count == 0))
        {
            Sender.Tell(decision.Reply);
            return;
        }

        // A query, or a replay of a request whose write is in flight, waits like a sale: what it read must be stored.
        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
            _unsent.Add(@event);
        }
        _waitingForNextWrite.Add(new AwaitingWrite(Sender, decision.Reply));
        _eventsSinceSnapshot += decision.Events.Length;
        _eventsInFlight += decision.Events.Length;
        _snapshotDue = _eventsSinceSnapshot >= _settings.SnapshotEvery;
        if (!_writing)
        {
            WriteUnsent();
        }
    }

    /// <summary>
    /// Keeps one timer of the injected clock set to the earliest deadline of a live hold; when it fires the box office
    /// sends itself <see cref="ExpireHolds"/>, decided and stored like any command (its reply goes nowhere). A deadline
    /// already passed fires at once. With a fake clock (tests) the timer fires when the test advances the time.
    /// </summary>
    private void ScheduleHoldExpiry()
    {
        var next = _state.NextHoldExpiry;
        if (next == _holdExpiryAt)
        {
            return;
        }
        _holdExpiryAt = next;
        if (next is not { } deadline)
        {
            _holdExpiryTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = deadline - _settings.Clock.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_holdExpiryTimer is null)
        {
            var self = Self;
            var eventId = _eventId;
            _holdExpiryTimer = _settings.Clock.CreateTimer(_ => self.Tell(new ExpireHolds(eventId), ActorRefs.Nobody), null, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _holdExpiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    protected override void PostStop()
    {
        _holdExpiryTimer?.Dispose();
        base.PostStop();
    }

    /// <summary>Sends everything unsent to the journal as one entry; replies at once if only answers were waiting.</summary>
    private void WriteUnsent()
    {
        (_waitingForWrite, _waitingForNextWrite) = (_waitingForNextWrite, _waitingForWrite);
        if (_unsent.Count == 0)
        {
            ReplyToWaiting();
            return;
        }
        var entry = EventBatch.Store(_unsent);
        _eventsInWrite = _unsent.Count;
        _unsent.Clear();
        _writing = true;
        Timers.StartSingleTimer(WriteTimedOut.Instance, WriteTimedOut.Instance, _settings.WriteTimeout);
        PersistAsync(entry, _ => OnWritten());
    }

    private void OnWritten()
    {
        _writing = false;
        Timers.Cancel(WriteTimedOut.Instance);
        _eventsInFlight -= _eventsInWrite;
        _eventsInWrite = 0;
        ReplyToWaiting();
        if (_waitingForNextWrite.Count > 0)
        {
            WriteUnsent();
        }
        if (!_writing && _snapshotDue)
        {
            SaveSnapshot(_state.ToSnapshot());
            _eventsSinceSnapshot = 0;
            _snapshotDue = false;
        }
        ReleaseHeld();
    }

    private void ReplyToWaiting()
    {
        foreach (var waiting in _waitingForWrite)
        {
            waiting.ReplyTo.Tell(waiting.Reply);
        }
        _waitingForWrite.Clear();
    }

    private void OnWriteTimedOut()
    {
        if (!_writing)
        {
            return;
        }
        _log.Error("Box office {EventId}: a journal write took more than {WriteTimeout}; it stops and recovers from the journal", _eventId, _settings.WriteTimeout);
        FailAwaiting();
        Context.Stop(Self);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Box office {EventId} could not store event {SequenceNr}; it stops and recovers from the journal", _eventId, sequenceNr);
        FailAwaiting();
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Box office {EventId}: the journal rejected event {SequenceNr}; it stops and recovers from the journal", _eventId, sequenceNr);
        FailAwaiting();
        // Later decisions counted the rejected event: only a recovery from the journal gives a true state again.
        Context.Stop(Self);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Error(reason, "Box office {EventId} could not recover from the journal; it stops and is started again on a later command", _eventId);
        base.OnRecoveryFailure(reason, message);
    }

    /// <summary>
    /// Nobody waiting for a write that failed gets success: the outcome is unknown, a retry with the same request id
    /// tells. Commands held back for a snapshot were not decided at all; they get Unavailable too, not silence.
    /// </summary>
    private void FailAwaiting()
    {
        foreach (var waiting in _waitingForWrite.Concat(_waitingForNextWrite))
        {
            var requestId = (waiting.Reply as Purchased)?.Order.RequestId;
            waiting.ReplyTo.Tell(new Rejected(_eventId, requestId, RejectionReason.Unavailable,
                "the box office could not store the decision; retry with the same request id"));
        }
        _waitingForWrite.Clear();
        _waitingForNextWrite.Clear();
        _unsent.Clear();
        foreach (var held in Stash.ClearStash())
        {
            held.Sender.Tell(new Rejected(_eventId, (held.Message as Purchase)?.RequestId, RejectionReason.Unavailable,
                "the box office could not store an earlier decision; retry with the same request id"));
        }
        _held = 0;
        _snapshotDue = false;
    }

    /// <summary>A reply held back until the events it depends on are stored.</summary>
    private sealed record AwaitingWrite(IActorRef ReplyTo, IBoxOfficeReply Reply);

    private sealed record WriteTimedOut
    {
        public static WriteTimedOut Instance { get; } = new();
    }
}
