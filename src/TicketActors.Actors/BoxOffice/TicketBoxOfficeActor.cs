using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// Owns one event's tickets. Commands are decided one at a time by <see cref="BoxOfficeState"/>, so nothing is sold
/// twice without a lock. Accepted decisions are journaled with <c>PersistAllAsync</c>: commands that arrive while a
/// write is in flight are decided against the state that already counts it, and the journal writes them together
/// (group commit). A success is replied only once its events are stored; a rejection changes nothing and is replied
/// at once.
/// </summary>
public sealed class TicketBoxOfficeActor : ReceivePersistentActor
{
    private readonly string _eventId;
    private readonly TimeProvider _clock;
    private readonly ITicketCodeGenerator _codes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<AwaitingWrite> _awaiting = new();

    /// <summary>What the journal holds. Queries read this, so nobody sees a sale that could still be lost.</summary>
    private BoxOfficeState _durable = BoxOfficeState.Empty;

    /// <summary><see cref="_durable"/> plus the writes in flight: what new commands are decided against.</summary>
    private BoxOfficeState _decided = BoxOfficeState.Empty;

    public TicketBoxOfficeActor(string eventId, BoxOfficeSettings settings)
    {
        _eventId = eventId;
        _clock = settings.Clock;
        _codes = settings.NewCodeGenerator();
        PersistenceId = PersistenceIdFor(eventId);

        Recover<IBoxOfficeEvent>(e => _durable = _durable.Apply(e));
        Recover<RecoveryCompleted>(_ => _decided = _durable);

        Command<GetAvailability>(query => Sender.Tell(_durable.Decide(query, DecisionContext()).Reply));
        Command<IBoxOfficeCommand>(Handle);
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(string eventId) => $"box-office-{eventId}";

    public static Props Props(string eventId, BoxOfficeSettings settings) =>
        Akka.Actor.Props.Create(() => new TicketBoxOfficeActor(eventId, settings));

    private void Handle(IBoxOfficeCommand command)
    {
        Decision decision;
        try
        {
            decision = _decided.Decide(command, DecisionContext());
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
            _decided = _decided.Apply(@event);
        }
        _awaiting.Enqueue(new AwaitingWrite(Sender, decision.Reply, decision.Events.Length, _decided));
        if (decision.Events.IsEmpty)
        {
            // A replay of a request whose write is still in flight: answer after that write, in order.
            DeferAsync(decision, _ => OnWritten());
        }
        else
        {
            PersistAllAsync(decision.Events, _ => OnWritten());
        }
    }

    private void OnWritten()
    {
        var head = _awaiting.Peek();
        if (head.EventsLeft > 0)
        {
            head.EventsLeft--;
        }
        if (head.EventsLeft == 0)
        {
            _awaiting.Dequeue();
            _durable = head.StateAfter;
            head.ReplyTo.Tell(head.Reply);
        }
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

    /// <summary>Nobody waiting for a write that failed gets success: the outcome is unknown, a retry with the same request id tells.</summary>
    private void FailAwaiting()
    {
        while (_awaiting.TryDequeue(out var waiting))
        {
            var requestId = (waiting.Reply as Purchased)?.Order.RequestId;
            waiting.ReplyTo.Tell(new Rejected(_eventId, requestId, RejectionReason.Unavailable,
                "the box office could not store the decision; retry with the same request id"));
        }
    }

    private DecisionContext DecisionContext() => new(_clock.GetUtcNow(), _codes);

    /// <summary>A reply held back until its events are stored.</summary>
    private sealed class AwaitingWrite(IActorRef replyTo, IBoxOfficeReply reply, int eventsLeft, BoxOfficeState stateAfter)
    {
        public IActorRef ReplyTo { get; } = replyTo;
        public IBoxOfficeReply Reply { get; } = reply;
        public int EventsLeft { get; set; } = eventsLeft;
        public BoxOfficeState StateAfter { get; } = stateAfter;
    }
}
