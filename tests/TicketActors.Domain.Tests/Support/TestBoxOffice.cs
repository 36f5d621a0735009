using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.Tests.Support;

/// <summary>
/// Drives a <see cref="BoxOfficeState"/> the way its actor does: decide, and when the decision has events, apply them
/// and keep them in a journal. Commands are decided one at a time, which is what the actor guarantees for concurrent buyers.
/// </summary>
public sealed class TestBoxOffice
{
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IBoxOfficeEvent> _journal = [];
    private int _requests;

    public TestBoxOffice(ITicketCodeGenerator? codes = null)
    {
        Context = new DecisionContext(Now, codes ?? new SequentialTicketCodes());
    }

    public BoxOfficeState State { get; } = new();
    public DecisionContext Context { get; }
    public IReadOnlyList<IBoxOfficeEvent> Journal => _journal;
    public string EventId => State.Event?.Id ?? Definitions.EventId;

    /// <summary>A box office whose event was created from <paramref name="definition"/>.</summary>
    public static TestBoxOffice For(EventDefinition definition, ITicketCodeGenerator? codes = null)
    {
        var box = new TestBoxOffice(codes);
        var decision = box.Send(new CreateEvent(definition));
        Assert.Equal(new EventAccepted(definition.Id), decision.Reply);
        Assert.IsType<EventCreated>(Assert.Single(decision.Events));
        return box;
    }

    public Decision Send(IBoxOfficeCommand command)
    {
        var decision = State.Decide(command, Context);
        foreach (var @event in decision.Events)
        {
            State.Apply(@event);
            _journal.Add(@event);
        }
        return decision;
    }

    /// <summary>Sends a command whose outcome a spec counts; a rejection must still store nothing and change nothing.</summary>
    public IBoxOfficeReply Attempt(IBoxOfficeCommand command)
    {
        var before = StateSnapshot.Of(State);
        var decision = Send(command);
        if (decision.Reply is Rejected)
        {
            Assert.Empty(decision.Events);
            before.AssertSameAs(StateSnapshot.Of(State));
        }
        return decision.Reply;
    }

    public string NextRequestId() => $"req-{++_requests}";

    public Purchase PurchaseOf(string buyer, int quantity, string category = Definitions.General, string? requestId = null) =>
        new(EventId, requestId ?? NextRequestId(), buyer, category, quantity);

    /// <summary>A purchase that must succeed; checks what every new sale must look like and returns the reply.</summary>
    public Purchased Buy(string buyer, int quantity, string category = Definitions.General, string? requestId = null)
    {
        var purchase = PurchaseOf(buyer, quantity, category, requestId);
        var firstSerial = State.LastSerial + 1;
        var orderNumber = State.LastOrderNumber + 1;
        var available = State.Stock[category].Available;

        var decision = Send(purchase);

        var purchased = Assert.IsType<Purchased>(decision.Reply);
        var issued = Assert.IsType<TicketsIssued>(Assert.Single(decision.Events));
        Assert.Equal(EventId, purchased.EventId);
        Assert.Equal(orderNumber, purchased.Order.Number);
        Assert.Equal(orderNumber, issued.OrderNumber);
        Assert.Equal(purchase.RequestId, purchased.Order.RequestId);
        Assert.Equal(buyer, purchased.Order.BuyerId);
        Assert.Equal(category, purchased.Order.Category);
        Assert.Equal(Enumerable.Range(firstSerial, quantity), purchased.Order.Tickets.Select(t => t.Serial));
        Assert.All(purchased.Order.Tickets, t => Assert.Equal(category, t.Category));
        Assert.Equal(purchased.Order.Tickets.ToArray(), issued.Tickets.ToArray());
        Assert.Equal(available - quantity, purchased.Remaining);
        Assert.Equal(available - quantity, State.Stock[category].Available);
        return purchased;
    }

    /// <summary>
    /// A command that must be refused: exactly this reason (and stock count), no events, and nothing about the state
    /// changed by deciding it.
    /// </summary>
    public Rejected Refuse(IBoxOfficeCommand command, RejectionReason reason, int? available = null) =>
        Expect.Rejected(State, command, Context, reason, available);
}

public static class Expect
{
    public static Rejected Rejected(BoxOfficeState state, IBoxOfficeCommand command, DecisionContext context,
        RejectionReason reason, int? available = null)
    {
        var before = StateSnapshot.Of(state);

        var decision = state.Decide(command, context);

        var rejected = Assert.IsType<Rejected>(decision.Reply);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(available, rejected.Available);
        Assert.Equal(command.EventId, rejected.EventId);
        Assert.Equal((command as Purchase)?.RequestId, rejected.RequestId);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        Assert.False(decision.IsAccepted);
        Assert.Empty(decision.Events);
        before.AssertSameAs(StateSnapshot.Of(state));
        return rejected;
    }
}
