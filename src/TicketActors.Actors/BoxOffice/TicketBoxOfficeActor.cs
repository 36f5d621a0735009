using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// Owns one event's tickets. Commands are decided one at a time by <see cref="BoxOfficeState"/>, so nothing is sold
/// twice without a lock. Accepted decisions are applied at once and journaled with <c>PersistAllAsync</c>: commands
/// that arrive while a write is in flight are decided against the state that already counts it, and the journal
/// writes them together (group commit). A success, and any answer that reads the state, is replied only once every
/// write before it is stored; a rejection changes nothing and is replied at once. When a write fails, is rejected or
/// takes longer than the write timeout, everyone waiting gets <c>Unavailable</c> and the actor stops: its next
/// incarnation recovers the true state from the journal (snapshot plus the events after it).
/// </summary>
public sealed class TicketBoxOfficeActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _eventId;
    private readonly BoxOfficeSettings _settings;
    private readonly ITicketCodeGenerator _codes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<AwaitingWrite> _awaiting = new();

    /// <summary>The journal's events plus the writes in flight: what new commands are decided against.</summary>
    private BoxOfficeState _state;
    private int _eventsSinceSnapshot;
    private bool _snapshotDue;

    /// <summary>Events decided but not yet stored. Past the limit new commands wait (in the stash), so a flood of
    /// buyers cannot run ahead of the journal: write latency stays bounded and the journal is never overrun.</summary>
    private int _eventsInFlight;
    private int _held;
    private int _released;

    public TicketBoxOfficeActor(string eventId, BoxOfficeSettings settings)
    {
        _eventId = eventId;
        _settings = settings;
        _codes = settings.NewCodeGenerator();
        _state = new BoxOfficeState(settings.RequestIdWindow);
        PersistenceId = PersistenceIdFor(eventId);

        Recover<SnapshotOffer>(offer =>
        {
            _state = BoxOfficeState.FromSnapshot((BoxOfficeSnapshot)offer.Snapshot, settings.RequestIdWindow);
            _eventsSinceSnapshot = 0;
        });
        Recover<IBoxOfficeEvent>(e =>
        {
            _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Command<IBoxOfficeCommand>(Handle);
        Command<WriteTimeoutCheck>(_ => CheckWriteTimeout());
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
        Decide(command);
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
        if (!decision.IsAccepted || (decision.Events.IsEmpty && _awaiting.Count == 0))
        {
            Sender.Tell(decision.Reply);
            return;
        }

        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
        }
        if (_awaiting.Count == 0)
        {
            Timers.StartSingleTimer(WriteTimeoutCheck.Instance, WriteTimeoutCheck.Instance, _settings.WriteTimeout);
        }
        _awaiting.Enqueue(new AwaitingWrite(Sender, decision.Reply, decision.Events.Length, Stopwatch.GetTimestamp()));
        if (decision.Events.IsEmpty)
        {
            // A query, or a replay of a request whose write is in flight: answer once what it read is stored.
            DeferAsync(decision, _ => OnWritten());
        }
        else
        {
            _eventsSinceSnapshot += decision.Events.Length;
            _eventsInFlight += decision.Events.Length;
            _snapshotDue = _eventsSinceSnapshot >= _settings.SnapshotEvery;
            PersistAllAsync(decision.Events, _ => OnWritten());
        }
    }

    private void OnWritten()
    {
        var head = _awaiting.Peek();
        if (head.EventsLeft > 0)
        {
            head.EventsLeft--;
            _eventsInFlight--;
        }
        if (head.EventsLeft > 0)
        {
            return;
        }
        _awaiting.Dequeue();
        head.ReplyTo.Tell(head.Reply);
        if (_awaiting.Count == 0)
        {
            Timers.Cancel(WriteTimeoutCheck.Instance);
            if (_snapshotDue)
            {
                SaveSnapshot(_state.ToSnapshot());
                _eventsSinceSnapshot = 0;
                _snapshotDue = false;
            }
        }
        ReleaseHeld();
    }

    private void CheckWriteTimeout()
    {
        if (!_awaiting.TryPeek(out var oldest))
        {
            return;
        }
        var waited = Stopwatch.GetElapsedTime(oldest.Since);
        if (waited < _settings.WriteTimeout)
        {
            Timers.StartSingleTimer(WriteTimeoutCheck.Instance, WriteTimeoutCheck.Instance, _settings.WriteTimeout - waited);
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
        while (_awaiting.TryDequeue(out var waiting))
        {
            var requestId = (waiting.Reply as Purchased)?.Order.RequestId;
            waiting.ReplyTo.Tell(new Rejected(_eventId, requestId, RejectionReason.Unavailable,
                "the box office could not store the decision; retry with the same request id"));
        }
        foreach (var held in Stash.ClearStash())
        {
            held.Sender.Tell(new Rejected(_eventId, (held.Message as Purchase)?.RequestId, RejectionReason.Unavailable,
                "the box office could not store an earlier decision; retry with the same request id"));
        }
        _held = 0;
        _snapshotDue = false;
    }

    /// <summary>A reply held back until its events are stored.</summary>
    private sealed class AwaitingWrite(IActorRef replyTo, IBoxOfficeReply reply, int eventsLeft, long since)
    {
        public IActorRef ReplyTo { get; } = replyTo;
        public IBoxOfficeReply Reply { get; } = reply;
        public int EventsLeft { get; set; } = eventsLeft;
        public long Since { get; } = since;
    }

    private sealed record WriteTimeoutCheck
    {
        public static WriteTimeoutCheck Instance { get; } = new();
    }
}
