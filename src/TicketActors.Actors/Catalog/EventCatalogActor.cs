using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Catalog;

/// <summary>
/// The events the HTTP service created, with their definitions: what <c>GET /events</c> lists. Each event's box office
/// stays the authority on whether the event exists; an event is listed only after its box office accepted it, so a
/// crash in between leaves it unlisted until the organiser repeats the (idempotent) create. Persistent, so the list
/// survives restarts; it stores the same <see cref="EventCreated"/> facts as the box offices (same serializer, same
/// stored form) under its own persistence id. Small: one entry per event an organiser created.
/// </summary>
public sealed class EventCatalogActor : ReceivePersistentActor
{
    public const string Name = "event-catalog";
    public const string CatalogPersistenceId = "event-catalog";

    private readonly SortedDictionary<string, EventCreated> _events = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public EventCatalogActor(TimeProvider clock)
    {
        Recover<EventCreated>(listed => _events[listed.Definition.Id] = listed);
        Command<ListEvent>(list =>
        {
            if (_events.TryGetValue(list.Definition.Id, out var listed))
            {
                Sender.Tell(new EventListed(listed, IsNew: false));
                return;
            }
            var replyTo = Sender;
            // The reply waits for the write: a listed event is never forgotten by a restart.
            Persist(new EventCreated(list.Definition, clock.GetUtcNow()), created =>
            {
                _events[created.Definition.Id] = created;
                replyTo.Tell(new EventListed(created, IsNew: true));
            });
        });
        Command<GetListedEvents>(_ => Sender.Tell(new ListedEvents([.. _events.Values])));
        Command<GetListedEvent>(get => Sender.Tell(new ListedEvent(get.EventId, _events.GetValueOrDefault(get.EventId))));
    }

    public override string PersistenceId => CatalogPersistenceId;

    /// <summary>The catalogue under a backoff supervisor: a catalogue that stops on a failed write starts again and recovers.</summary>
    public static Props Props(TimeProvider clock) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            Akka.Actor.Props.Create(() => new EventCatalogActor(clock)), "listing",
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), randomFactor: 0.2, maxNrOfRetries: -1));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "The event catalogue could not store listing {SequenceNr}; it stops and recovers from the journal", sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
