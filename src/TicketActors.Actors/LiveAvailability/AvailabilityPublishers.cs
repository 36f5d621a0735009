using Akka.Actor;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.LiveAvailability;

/// <summary>
/// The parent of the availability publishers: one child per watched event, named by the event id. Children are kept
/// when their last watcher leaves (they stop polling), so a new watcher never races a publisher that is stopping;
/// callers watch only events that exist, so there are at most as many children as events.
/// </summary>
public sealed class AvailabilityPublishers : ReceiveActor
{
    public const string Name = "availability";

    public AvailabilityPublishers(IActorRef boxOffices, TimeSpan interval)
    {
        Receive<WatchAvailability>(watch => PublisherOf(watch.EventId, boxOffices, interval)?.Forward(watch));
        Receive<UnwatchAvailability>(unwatch => Context.Child(unwatch.EventId).Forward(unwatch));
    }

    public static Props Props(IActorRef boxOffices, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new AvailabilityPublishers(boxOffices, interval));

    private IActorRef? PublisherOf(string eventId, IActorRef boxOffices, TimeSpan interval)
    {
        if (!EventDefinition.IsValidId(eventId))
        {
            return null;
        }
        var child = Context.Child(eventId);
        return child.IsNobody() ? Context.ActorOf(AvailabilityPublisherActor.Props(eventId, boxOffices, interval), eventId) : child;
    }
}
