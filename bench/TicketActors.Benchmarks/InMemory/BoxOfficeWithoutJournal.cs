using Akka.Actor;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>The box office state in a plain actor, without a journal: decide, apply, reply at once.</summary>
public sealed class BoxOfficeWithoutJournal : UntypedActor
{
    private readonly BoxOfficeState _state = new();
    private readonly Domain.Tickets.CryptoTicketCodes _codes = new();

    public static Props Props() => Akka.Actor.Props.Create(() => new BoxOfficeWithoutJournal());

    protected override void OnReceive(object message)
    {
        if (message is not IBoxOfficeCommand command)
        {
            Unhandled(message);
            return;
        }
        var decision = _state.Decide(command, new DecisionContext(DateTimeOffset.UtcNow, _codes));
        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
        }
        Sender.Tell(decision.Reply);
    }
}
