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
/// write before it is stored; a rejection changes nothing and is replied at once. When a write fails, everyone
/// waiting gets <c>Unavailable</c> and the actor stops: its next incarnation recovers the true state from the journal.
/// </summary>
public sealed class TicketBoxOfficeActor : ReceivePersistentActor
{
    private readonly string _eventId;
    private readonly TimeProvider _clock;
    private readonly ITicketCodeGenerator _codes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<AwaitingWrite> _awaiting = new();

    /// <summary>The journal's events plus the writes in flight: what new commands are decided against.</summary>
    private readonly BoxOfficeState _state = new();

    public TicketBoxOfficeActor(string eventId, BoxOfficeSettings settings)
    {
        _eventId = eventId;
        _clock = settings.Clock;
        _codes = settings.NewCodeGenerator();
        PersistenceId = PersistenceIdFor(eventId);

        Recover<IBoxOfficeEvent>(_state.Apply);
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
            decision = _state.Decide(command, DecisionContext());
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
        _awaiting.Enqueue(new AwaitingWrite(Sender, decision.Reply, decision.Events.Length));
        if (decision.Events.IsEmpty)
        {
            // A query, or a replay of a request whose write is in flight: answer once what it read is stored.
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
    private sealed class AwaitingWrite(IActorRef replyTo, IBoxOfficeReply reply, int eventsLeft)
    {
        public IActorRef ReplyTo { get; } = replyTo;
        public IBoxOfficeReply Reply { get; } = reply;
        public int EventsLeft { get; set; } = eventsLeft;
    }
}
