using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// The parent of every box office in one process: one child per event, named by the event id, created on its first
/// command. It only routes. A box office that stopped (a failed write, a failed recovery) is started again by a later
/// command, after a backoff that doubles while it keeps failing; commands during the backoff get <c>Unavailable</c>
/// at once instead of hammering a store that is down (CASES C17, C19).
/// </summary>
public sealed class BoxOfficeRegistry : ReceiveActor
{
    public const string Name = "box-offices";

    private readonly BoxOfficeSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _boxOffices = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, (string EventId, long StartedAt)> _running = [];
    private readonly Dictionary<string, (long RetryAt, TimeSpan Backoff)> _backoffs = new(StringComparer.Ordinal);

    public BoxOfficeRegistry(BoxOfficeSettings settings, IMessageExtractor extractor)
    {
        _settings = settings;
        _extractor = extractor;
        Receive<Terminated>(OnStopped);
        Receive<AllDeadLetters>(OnDeadLetter);
        ReceiveAny(Route);
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self, typeof(AllDeadLetters));

    /// <summary>
    /// A command that reached one of our box offices as it stopped (stashed during a recovery or behind a snapshot,
    /// or still in its mailbox) is dropped by Akka without a reply: give its sender the reply it is owed.
    /// </summary>
    private void OnDeadLetter(AllDeadLetters dead)
    {
        if (dead.Message is IBoxOfficeCommand command && Self.Path.Equals(dead.Recipient.Path.Parent) && !dead.Sender.IsNobody())
        {
            dead.Sender.Tell(new Rejected(command.EventId, (command as Purchase)?.RequestId, RejectionReason.Unavailable,
                $"the box office of '{command.EventId}' stopped before it could answer; retry with the same request id"));
        }
    }

    public static Props Props(BoxOfficeSettings settings) =>
        Akka.Actor.Props.Create(() => new BoxOfficeRegistry(settings, new BoxOfficeMessageExtractor(BoxOfficeMessageExtractor.DefaultShards)));

    private void Route(object message)
    {
        var eventId = _extractor.EntityId(message);
        if (eventId is null)
        {
            Unhandled(message);
            return;
        }
        var requestId = (message as Purchase)?.RequestId;
        if (!EventDefinition.IsValidId(eventId))
        {
            Sender.Tell(new Rejected(eventId, requestId, RejectionReason.UnknownEvent, $"'{eventId}' is not a valid event id"));
            return;
        }
        if (!_boxOffices.TryGetValue(eventId, out var boxOffice))
        {
            if (_backoffs.TryGetValue(eventId, out var backoff) && Stopwatch.GetTimestamp() < backoff.RetryAt)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), backoff.RetryAt);
                Sender.Tell(new Rejected(eventId, requestId, RejectionReason.Unavailable,
                    $"the box office of '{eventId}' is recovering from a failure; retry in {Math.Ceiling(wait.TotalMilliseconds)} ms"));
                return;
            }
            boxOffice = Context.ActorOf(TicketBoxOfficeActor.Props(eventId, _settings), eventId);
            Context.Watch(boxOffice);
            _boxOffices[eventId] = boxOffice;
            _running[boxOffice] = (eventId, Stopwatch.GetTimestamp());
        }
        boxOffice.Forward(_extractor.EntityMessage(message));
    }

    private void OnStopped(Terminated terminated)
    {
        if (!_running.Remove(terminated.ActorRef, out var stopped))
        {
            return;
        }
        _boxOffices.Remove(stopped.EventId);
        // A box office that ran well for a while starts over at the shortest backoff.
        var healthy = Stopwatch.GetElapsedTime(stopped.StartedAt) > _settings.MaxBackoff * 2;
        var backoff = !healthy && _backoffs.TryGetValue(stopped.EventId, out var previous)
            ? TimeSpan.FromTicks(Math.Min(previous.Backoff.Ticks * 2, _settings.MaxBackoff.Ticks))
            : _settings.MinBackoff;
        _backoffs[stopped.EventId] = (Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency), backoff);
        _log.Warning("Box office {EventId} stopped; it starts again on a command after {Backoff}", stopped.EventId, backoff);
    }
}
