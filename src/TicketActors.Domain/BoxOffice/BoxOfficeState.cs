using System.Collections.Immutable;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// One event's box office. <see cref="Decide"/> turns a command into a reply and the events to store, and changes
/// nothing; <see cref="Apply"/> folds a stored event into the state, deterministically. No I/O, no clock and no
/// randomness of its own, so replaying the journal always rebuilds the same state.
/// The state is mutable for speed (a hot event holds millions of tickets and decides one purchase every few
/// microseconds); only its owner applies events, and a box office whose write fails is rebuilt from the journal.
/// </summary>
public sealed class BoxOfficeState
{
    private readonly Dictionary<string, CategoryStock> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _ordersByRequestId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ticket> _ticketsByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<BuyerCategory, int> _ticketsPerBuyer = [];
    private readonly Queue<string> _requestIdsOldestFirst = new();
    private readonly int _requestIdWindow;

    /// <param name="requestIdWindow">How many request ids are remembered; past it the oldest is forgotten
    /// (a retry of it is then decided as a new purchase). Part of replay, so every incarnation must use the same.</param>
    public BoxOfficeState(int requestIdWindow = DefaultRequestIdWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestIdWindow, 1);
        _requestIdWindow = requestIdWindow;
    }

    public const int DefaultRequestIdWindow = 1_000_000;

    /// <summary>Null until the event is created: every command but <see cref="CreateEvent"/> is then <c>UnknownEvent</c>.</summary>
    public EventDefinition? Event { get; private set; }
    public IReadOnlyDictionary<string, CategoryStock> Stock => _stock;
    public int LastSerial { get; private set; }
    public int LastOrderNumber { get; private set; }
    public IReadOnlyDictionary<string, Order> OrdersByRequestId => _ordersByRequestId;
    public IReadOnlyDictionary<string, Ticket> TicketsByCode => _ticketsByCode;
    public IReadOnlyDictionary<BuyerCategory, int> TicketsPerBuyer => _ticketsPerBuyer;

    /// <summary>The state rebuilt from stored events, in order.</summary>
    public static BoxOfficeState Replay(IEnumerable<IBoxOfficeEvent> events, int requestIdWindow = DefaultRequestIdWindow)
    {
        var state = new BoxOfficeState(requestIdWindow);
        foreach (var @event in events)
        {
            state.Apply(@event);
        }
        return state;
    }

    public Decision Decide(IBoxOfficeCommand command, DecisionContext context) => command switch
    {
        CreateEvent create => DecideCreate(create, context),
        Purchase purchase => DecidePurchase(purchase, context),
        GetAvailability query => Decision.ReplyOnly(Event is null || Event.Id != query.EventId ? UnknownEvent(query.EventId, null) : Availability()),
        _ => Decision.ReplyOnly(new Rejected(command.EventId, null, RejectionReason.InvalidRequest,
            $"the box office does not handle {command.GetType().Name}")),
    };

    public void Apply(IBoxOfficeEvent @event)
    {
        switch (@event)
        {
            case EventCreated created:
                Event = created.Definition;
                foreach (var category in created.Definition.Categories)
                {
                    _stock[category.Name] = new CategoryStock(category, 0, 0);
                }
                break;
            case TicketsIssued issued:
                ApplyIssued(issued);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown box office event");
        }
    }

    public Availability Availability() =>
        new(Event?.Id ?? "", [.. (Event?.Categories ?? []).Select(c => _stock[c.Name].ToAvailability())]);

    /// <summary>Every way this state breaks the guarantees; empty when they hold.</summary>
    public IReadOnlyList<string> InvariantViolations()
    {
        var violations = new List<string>();
        foreach (var stock in Stock.Values)
        {
            if (stock.Sold < 0 || stock.Held < 0 || stock.Available < 0)
            {
                violations.Add($"category '{stock.Category.Name}': sold {stock.Sold}, held {stock.Held}, available {stock.Available} over capacity {stock.Capacity}");
            }
        }
        var sold = Stock.Values.Sum(s => s.Sold);
        if (TicketsByCode.Count != sold)
        {
            violations.Add($"{sold} tickets counted as sold, but {TicketsByCode.Count} ticket codes issued");
        }
        var serials = TicketsByCode.Values.Select(t => t.Serial).Distinct().Count();
        if (serials != TicketsByCode.Count)
        {
            violations.Add($"{TicketsByCode.Count - serials} ticket serials issued more than once");
        }
        return violations;
    }

    private Decision DecideCreate(CreateEvent create, DecisionContext context)
    {
        var definition = create.Definition;
        if (Event is not null)
        {
            return Event.SameAs(definition)
                ? Decision.ReplyOnly(new EventAccepted(Event.Id))
                : Decision.ReplyOnly(new Rejected(definition.Id, null, RejectionReason.EventAlreadyExists,
                    $"event '{Event.Id}' already exists with another definition"));
        }
        var problems = definition.Problems();
        if (problems.Count > 0)
        {
            return Decision.ReplyOnly(new Rejected(definition.Id, null, RejectionReason.InvalidEvent, string.Join("; ", problems)));
        }
        return Decision.Persist(new EventAccepted(definition.Id), new EventCreated(definition, context.Now));
    }

    private Decision DecidePurchase(Purchase purchase, DecisionContext context)
    {
        if (Invalid(purchase) is { } invalid)
        {
            return Decision.ReplyOnly(invalid);
        }
        if (Event is null || Event.Id != purchase.EventId)
        {
            return Decision.ReplyOnly(UnknownEvent(purchase.EventId, purchase.RequestId));
        }
        if (_ordersByRequestId.TryGetValue(purchase.RequestId, out var original))
        {
            return IsSameRequest(original, purchase)
                ? Decision.ReplyOnly(new Purchased(Event.Id, original, _stock[original.Category].Available))
                : Decision.ReplyOnly(Reject(purchase, RejectionReason.RequestIdConflict,
                    $"request id '{purchase.RequestId}' was already used for {original.Quantity} '{original.Category}' ticket(s) for buyer '{original.BuyerId}'"));
        }
        if (!_stock.TryGetValue(purchase.Category, out var stock))
        {
            return Decision.ReplyOnly(Reject(purchase, RejectionReason.UnknownCategory,
                $"event '{Event.Id}' has no category '{purchase.Category}'"));
        }
        var limit = stock.Category.Limit;
        var owned = _ticketsPerBuyer.GetValueOrDefault(new BuyerCategory(purchase.BuyerId, purchase.Category));
        if (purchase.Quantity > limit - owned)
        {
            return Decision.ReplyOnly(Reject(purchase, RejectionReason.LimitExceeded,
                $"at most {limit} '{purchase.Category}' ticket(s) per buyer; buyer '{purchase.BuyerId}' has {owned} and asked for {purchase.Quantity}"));
        }
        if (stock.Available == 0)
        {
            return Decision.ReplyOnly(Reject(purchase, RejectionReason.SoldOut, $"'{purchase.Category}' is sold out", 0));
        }
        if (purchase.Quantity > stock.Available)
        {
            return Decision.ReplyOnly(Reject(purchase, RejectionReason.InsufficientTickets,
                $"only {stock.Available} '{purchase.Category}' ticket(s) left, {purchase.Quantity} asked for", stock.Available));
        }

        var tickets = ImmutableArray.CreateBuilder<Ticket>(purchase.Quantity);
        for (var i = 1; i <= purchase.Quantity; i++)
        {
            tickets.Add(new Ticket(LastSerial + i, NewUniqueCode(context.Codes, tickets), purchase.Category));
        }
        var issued = new TicketsIssued(LastOrderNumber + 1, purchase.RequestId, purchase.BuyerId, purchase.Category,
            tickets.MoveToImmutable(), context.Now);
        return Decision.Persist(new Purchased(Event.Id, ToOrder(issued), stock.Available - purchase.Quantity), issued);
    }

    private void ApplyIssued(TicketsIssued issued)
    {
        var stock = _stock[issued.Category];
        var quantity = issued.Tickets.Length;
        _stock[issued.Category] = stock with { Sold = stock.Sold + quantity };
        LastSerial = Math.Max(LastSerial, issued.Tickets[^1].Serial);
        LastOrderNumber = issued.OrderNumber;
        Remember(ToOrder(issued));
        foreach (var ticket in issued.Tickets)
        {
            _ticketsByCode.Add(ticket.Code, ticket);
        }
        var buyer = new BuyerCategory(issued.BuyerId, issued.Category);
        _ticketsPerBuyer[buyer] = _ticketsPerBuyer.GetValueOrDefault(buyer) + quantity;
    }

    private void Remember(Order order)
    {
        _ordersByRequestId.Add(order.RequestId, order);
        _requestIdsOldestFirst.Enqueue(order.RequestId);
        while (_requestIdsOldestFirst.Count > _requestIdWindow)
        {
            _ordersByRequestId.Remove(_requestIdsOldestFirst.Dequeue());
        }
    }

    /// <summary>A copy of the whole state, for a snapshot.</summary>
    public BoxOfficeSnapshot ToSnapshot() => new(
        Event,
        [.. _stock.Values.Select(s => new CategorySales(s.Category.Name, s.Sold, s.Held))],
        LastSerial,
        LastOrderNumber,
        [.. _ticketsByCode.Values.OrderBy(t => t.Serial)],
        [.. _ticketsPerBuyer.Select(b => new BuyerTickets(b.Key.BuyerId, b.Key.Category, b.Value))],
        [.. _requestIdsOldestFirst.Select(id => _ordersByRequestId[id]).Select(o =>
            new OrderSummary(o.Number, o.RequestId, o.BuyerId, o.Category, o.Tickets[0].Serial, o.Quantity, o.IssuedAt))]);

    /// <summary>The state a snapshot describes; events after it are then applied as usual.</summary>
    public static BoxOfficeState FromSnapshot(BoxOfficeSnapshot snapshot, int requestIdWindow = DefaultRequestIdWindow)
    {
        var state = new BoxOfficeState(requestIdWindow) { Event = snapshot.Event, LastSerial = snapshot.LastSerial, LastOrderNumber = snapshot.LastOrderNumber };
        if (snapshot.Event is { } definition)
        {
            var sales = snapshot.Sales.ToDictionary(s => s.Category);
            foreach (var category in definition.Categories)
            {
                var sold = sales.TryGetValue(category.Name, out var s) ? s : new CategorySales(category.Name, 0, 0);
                state._stock[category.Name] = new CategoryStock(category, sold.Sold, sold.Held);
            }
        }
        var bySerial = new Dictionary<int, Ticket>(snapshot.Tickets.Count);
        foreach (var ticket in snapshot.Tickets)
        {
            state._ticketsByCode.Add(ticket.Code, ticket);
            bySerial.Add(ticket.Serial, ticket);
        }
        foreach (var buyer in snapshot.Buyers)
        {
            state._ticketsPerBuyer[new BuyerCategory(buyer.BuyerId, buyer.Category)] = buyer.Count;
        }
        foreach (var order in snapshot.RecentOrders)
        {
            var tickets = Enumerable.Range(order.FirstSerial, order.Quantity).Select(serial => bySerial[serial]).ToImmutableArray();
            state.Remember(new Order(order.Number, order.RequestId, order.BuyerId, order.Category, tickets, order.IssuedAt));
        }
        return state;
    }

    private static Rejected? Invalid(Purchase purchase)
    {
        if (purchase.Quantity < 1)
        {
            return Reject(purchase, RejectionReason.InvalidQuantity, $"quantity must be 1 or more, not {purchase.Quantity}");
        }
        if (string.IsNullOrWhiteSpace(purchase.RequestId) || purchase.RequestId.Length > Purchase.MaxIdLength)
        {
            return Reject(purchase, RejectionReason.InvalidRequest, $"a request id of 1-{Purchase.MaxIdLength} characters is required");
        }
        if (string.IsNullOrWhiteSpace(purchase.BuyerId) || purchase.BuyerId.Length > Purchase.MaxIdLength)
        {
            return Reject(purchase, RejectionReason.InvalidRequest, $"a buyer id of 1-{Purchase.MaxIdLength} characters is required");
        }
        if (string.IsNullOrWhiteSpace(purchase.Category))
        {
            return Reject(purchase, RejectionReason.InvalidRequest, "a ticket category is required");
        }
        return null;
    }

    private static bool IsSameRequest(Order original, Purchase purchase) =>
        original.BuyerId == purchase.BuyerId && original.Category == purchase.Category && original.Quantity == purchase.Quantity;

    private string NewUniqueCode(ITicketCodeGenerator codes, ImmutableArray<Ticket>.Builder sameOrder)
    {
        // 128 random bits practically never collide; checking anyway makes "no code twice" a guarantee.
        while (true)
        {
            var code = codes.NewCode();
            if (!_ticketsByCode.ContainsKey(code) && !sameOrder.Any(t => t.Code == code))
            {
                return code;
            }
        }
    }

    private static Order ToOrder(TicketsIssued issued) =>
        new(issued.OrderNumber, issued.RequestId, issued.BuyerId, issued.Category, issued.Tickets, issued.IssuedAt);

    private static Rejected UnknownEvent(string eventId, string? requestId) =>
        new(eventId, requestId, RejectionReason.UnknownEvent, $"no event '{eventId}'");

    private static Rejected Reject(Purchase purchase, RejectionReason reason, string message, int? available = null) =>
        new(purchase.EventId, purchase.RequestId, reason, message, available);
}

/// <summary>The key of the per-buyer limit: a buyer's tickets are counted per category.</summary>
public readonly record struct BuyerCategory(string BuyerId, string Category);
