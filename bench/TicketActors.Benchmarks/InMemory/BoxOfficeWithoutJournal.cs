using Akka.Actor;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>The box office state in a plain actor, without a journal: decide, apply, reply at once.</summary>
public sealed class BoxOfficeWithoutJournal : UntypedActor
{
    private readonly Inventory _inventory = new();

    public static Props Props() => Akka.Actor.Props.Create(() => new BoxOfficeWithoutJournal());

    protected override void OnReceive(object message)
    {
        if (message is not IBoxOfficeCommand command)
        {
            Unhandled(message);
            return;
        }
        Sender.Tell(_inventory.Serve(command));
    }
}
