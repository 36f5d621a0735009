using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// One event's inventory as every design of the benchmark holds it: the pure <see cref="BoxOfficeState"/> and the
/// crypto ticket codes the box office uses. Not thread-safe: each design serialises the calls its own way (a lock, a
/// single consumer, an actor), which is the one thing the designs differ in.
/// </summary>
public sealed class Inventory
{
    private readonly BoxOfficeState _state = new();
    private readonly CryptoTicketCodes _codes = new();

    /// <summary>Decides the command, applies what it decided, and returns the reply.</summary>
    public IBoxOfficeReply Serve(IBoxOfficeCommand command)
    {
        var decision = _state.Decide(command, new DecisionContext(DateTimeOffset.UtcNow, _codes));
        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
        }
        return decision.Reply;
    }
}
