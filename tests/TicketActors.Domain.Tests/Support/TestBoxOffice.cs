using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.Tests.Support;

/// <summary>
/// Drives a <see cref="BoxOfficeState"/> the way its actor does: decide, and when the decision has events, apply them
/// and keep them in a journal. Commands are decided one at a time, which is what the actor guarantees for concurrent buyers.
/// Time is the decision context's: it starts at <see cref="Now"/> and moves only by <see cref="Advance"/>.
/// </summary>
public sealed class TestBoxOffice
{
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IBoxOfficeEvent> _journal = [];
    private int _requests;

    /// <summary>The hold time-to-live the helpers use unless told otherwise.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    public TestBoxOffice(ITicketCodeGenerator? codes = null)
    {
        Context = new DecisionContext(Now, codes ?? new SequentialTicketCodes());
    }

    public BoxOfficeState State { get; } = new();
    public DecisionContext Context { get; private set; }
    public DateTimeOffset Clock => Context.Now;
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

    /// <summary>Moves the decision time on (or back, for a spec that needs it).</summary>
    public void Advance(TimeSpan by) => Context = Context with { Now = Context.Now + by };

    public void At(DateTimeOffset now) => Context = Context with { Now = now };

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

    public Hold HoldOf(string buyer, int quantity, string category = Definitions.General, TimeSpan? ttl = null, string? requestId = null) =>
        new(EventId, requestId ?? NextRequestId(), buyer, category, quantity, ttl ?? Ttl);

    /// <summary>A hold that must be placed; checks the reply, the one <see cref="TicketsHeld"/> and the stock it moved.</summary>
    public HoldPlaced Place(string buyer, int quantity, string category = Definitions.General, TimeSpan? ttl = null, string? requestId = null)
    {
        var hold = HoldOf(buyer, quantity, category, ttl, requestId);
        var before = State.Stock[category];

        var decision = Send(hold);

        var placed = Assert.IsType<HoldPlaced>(decision.Reply);
        var held = Assert.IsType<TicketsHeld>(Assert.Single(decision.Events));
        Assert.Equal(new TicketsHeld(placed.HoldId, hold.RequestId, buyer, category, quantity, Clock, Clock + hold.Ttl), held);
        Assert.Equal(new HoldPlaced(EventId, held.HoldId, category, quantity, Clock + hold.Ttl, before.Available - quantity), placed);
        Assert.StartsWith("h-", placed.HoldId, StringComparison.Ordinal);
        Assert.Equal((before.Sold, before.Held + quantity), (State.Stock[category].Sold, State.Stock[category].Held));
        return placed;
    }

    /// <summary>A confirm that must turn the live hold into a new order; checks the one <see cref="HoldConfirmed"/>.</summary>
    public Purchased ConfirmHold(string holdId)
    {
        var hold = State.Holds[holdId];
        var firstSerial = State.LastSerial + 1;
        var orderNumber = State.LastOrderNumber + 1;
        var available = State.Stock[hold.Category].Available;

        var decision = Send(new Confirm(EventId, holdId));

        var purchased = Assert.IsType<Purchased>(decision.Reply);
        var confirmed = Assert.IsType<HoldConfirmed>(Assert.Single(decision.Events));
        Assert.Equal((holdId, orderNumber, hold.Category, Clock), (confirmed.HoldId, confirmed.OrderNumber, confirmed.Category, confirmed.ConfirmedAt));
        Assert.Equal((EventId, available), (purchased.EventId, purchased.Remaining));
        OrderAssert.Same(new Order(orderNumber, hold.RequestId, hold.BuyerId, hold.Category, confirmed.Tickets, Clock), purchased.Order);
        Assert.Equal(Enumerable.Range(firstSerial, hold.Quantity), confirmed.Tickets.Select(t => t.Serial));
        Assert.All(confirmed.Tickets, t => Assert.Equal(hold.Category, t.Category));
        Assert.Equal(HoldStatus.Confirmed, State.Holds[holdId].Status);
        return purchased;
    }

    /// <summary>A cancel that must be accepted with exactly these serials; checks the one <see cref="TicketsCancelled"/>.</summary>
    public Cancelled CancelTickets(string buyer, int orderNumber, int[]? serials, int[] expectedSerials)
    {
        var order = State.OrdersByNumber[orderNumber];
        var available = State.Stock[order.Category].Available;

        var decision = Send(new Cancel(EventId, buyer, orderNumber, serials));

        var cancelled = Assert.IsType<Cancelled>(decision.Reply);
        var stored = Assert.IsType<TicketsCancelled>(Assert.Single(decision.Events));
        Assert.Equal((orderNumber, Clock), (stored.OrderNumber, stored.At));
        Assert.Equal(expectedSerials, stored.Serials.ToArray());
        Assert.Equal((EventId, orderNumber, available + expectedSerials.Length), (cancelled.EventId, cancelled.OrderNumber, cancelled.Remaining));
        Assert.Equal(expectedSerials, cancelled.Serials.ToArray());
        return cancelled;
    }

    /// <summary>
    /// The state a restart gives (the journal replayed) and the state a snapshot restores: both must equal this one.
    /// </summary>
    public (BoxOfficeState Replayed, BoxOfficeState Restored) AssertRecoversTheSameState()
    {
        var replayed = BoxOfficeState.Replay(Journal);
        var restored = BoxOfficeState.FromSnapshot(State.ToSnapshot());
        var now = StateSnapshot.Of(State);
        now.AssertEquivalentTo(StateSnapshot.Of(replayed));
        now.AssertSameAs(StateSnapshot.Of(restored));
        Assert.Empty(replayed.InvariantViolations());
        Assert.Empty(restored.InvariantViolations());
        return (replayed, restored);
    }

    /// <summary>
    /// A command that must be refused: exactly this reason (and stock count), no events, and nothing about the state
    /// changed by deciding it.
    /// </summary>
    public Rejected Refuse(IBoxOfficeCommand command, RejectionReason reason, int? available = null, DateTimeOffset? checkedInAt = null) =>
        Expect.Rejected(State, command, Context, reason, available, checkedInAt);
}

public static class Expect
{
    public static Rejected Rejected(BoxOfficeState state, IBoxOfficeCommand command, DecisionContext context,
        RejectionReason reason, int? available = null, DateTimeOffset? checkedInAt = null)
    {
        var before = StateSnapshot.Of(state);

        var decision = state.Decide(command, context);

        var rejected = Assert.IsType<Rejected>(decision.Reply);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(available, rejected.Available);
        Assert.Equal(checkedInAt, rejected.CheckedInAt);
        Assert.Equal(command.EventId, rejected.EventId);
        Assert.Equal(command switch { Purchase p => p.RequestId, Hold h => h.RequestId, _ => null }, rejected.RequestId);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        Assert.False(decision.IsAccepted);
        Assert.Empty(decision.Events);
        before.AssertSameAs(StateSnapshot.Of(state));
        return rejected;
    }
}
