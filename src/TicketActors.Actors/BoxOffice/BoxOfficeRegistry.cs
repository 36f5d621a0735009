using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// The parent of every box office in one process: one child per event, named by the event id, created on its first
/// command. It only routes; a box office that stopped (a failed write) is created again by the next command and
/// recovers from the journal.
/// </summary>
public sealed class BoxOfficeRegistry : ReceiveActor
{
    public const string Name = "box-offices";

    public BoxOfficeRegistry(BoxOfficeSettings settings, IMessageExtractor extractor)
    {
        var log = Context.GetLogger();
        ReceiveAny(message =>
        {
            var eventId = extractor.EntityId(message);
            if (eventId is null)
            {
                Unhandled(message);
                return;
            }
            if (!EventDefinition.IsValidId(eventId))
            {
                Sender.Tell(new Rejected(eventId, null, RejectionReason.UnknownEvent, $"'{eventId}' is not a valid event id"));
                return;
            }
            var boxOffice = Context.Child(eventId);
            if (boxOffice.IsNobody())
            {
                log.Debug("Starting the box office of event {EventId}", eventId);
                boxOffice = Context.ActorOf(TicketBoxOfficeActor.Props(eventId, settings), eventId);
            }
            boxOffice.Forward(extractor.EntityMessage(message));
        });
    }

    public static Props Props(BoxOfficeSettings settings) =>
        Akka.Actor.Props.Create(() => new BoxOfficeRegistry(settings, new BoxOfficeMessageExtractor(BoxOfficeMessageExtractor.DefaultShards)));
}
