using System.Collections.Immutable;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// One event's box office as a pure, immutable value: <see cref="Decide"/> turns a command into a reply and the
/// events to store; <see cref="Apply"/> turns a stored event into the next state. No I/O, no clock, no randomness
/// of its own, so replaying the journal always rebuilds the same state.
/// </summary>
public sealed record BoxOfficeState
{
    public static readonly BoxOfficeState Empty = new();

    /// <summary>Null until the event is created: every command but <see cref="CreateEvent"/> is then <c>UnknownEvent</c>.</summary>
    public EventDefinition? Event { get; private init; }
    public ImmutableDictionary<string, CategoryStock> Stock { get; private init; } = ImmutableDictionary<string, CategoryStock>.Empty;
    public int LastSerial { get; private init; }
    public int LastOrderNumber { get; private init; }
    public ImmutableDictionary<string, Order> OrdersByRequestId { get; private init; } = ImmutableDictionary<string, Order>.Empty;
    public ImmutableDictionary<string, Ticket> TicketsByCode { get; private init; } = ImmutableDictionary<string, Ticket>.Empty;
    public ImmutableDictionary<BuyerCategory, int> TicketsPerBuyer { get; private init; } = ImmutableDictionary<BuyerCategory, int>.Empty;

    public Decision Decide(IBoxOfficeCommand command, DecisionContext context) => command switch
    {
        CreateEvent create => DecideCreate(create, context),
        Purchase purchase => DecidePurchase(purchase, context),
        GetAvailability query => Decision.ReplyOnly(Event is null ? UnknownEvent(query.EventId, null) : Availability()),
        _ => Decision.ReplyOnly(new Rejected(command.EventId, null, RejectionReason.InvalidRequest,
            $"the box office does not handle {command.GetType().Name}")),
    };

    public BoxOfficeState Apply(IBoxOfficeEvent @event) => @event switch
    {
        EventCreated created => this with
        {
            Event = created.Definition,
            Stock = created.Definition.Categories.ToImmutableDictionary(c => c.Name, c => new CategoryStock(c, 0, 0)),
        },
        TicketsIssued issued => ApplyIssued(issued),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown box office event"),
    };

    public Availability Availability() =>
        new(Event?.Id ?? "", [.. (Event?.Categories ?? []).Select(c => Stock[c.Name].ToAvailability())]);

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
        if (Event is null)
        {
            return Decision.ReplyOnly(UnknownEvent(purchase.EventId, purchase.RequestId));
        }
        if (OrdersByRequestId.TryGetValue(purchase.RequestId, out var original))
        {
            return IsSameRequest(original, purchase)
                ? Decision.ReplyOnly(new Purchased(Event.Id, original, Stock[original.Category].Available))
                : Decision.ReplyOnly(Reject(purchase, RejectionReason.RequestIdConflict,
                    $"request id '{purchase.RequestId}' was already used for {original.Quantity} '{original.Category}' ticket(s) for buyer '{original.BuyerId}'"));
        }
        if (!Stock.TryGetValue(purchase.Category, out var stock))
        {
            return Decision.ReplyOnly(Reject(purchase, RejectionReason.UnknownCategory,
                $"event '{Event.Id}' has no category '{purchase.Category}'"));
        }
        var limit = stock.Category.Limit;
        var owned = TicketsPerBuyer.GetValueOrDefault(new BuyerCategory(purchase.BuyerId, purchase.Category));
        if (owned + purchase.Quantity > limit)
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
        var newCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= purchase.Quantity; i++)
        {
            tickets.Add(new Ticket(LastSerial + i, NewUniqueCode(context.Codes, newCodes), purchase.Category));
        }
        var issued = new TicketsIssued(LastOrderNumber + 1, purchase.RequestId, purchase.BuyerId, purchase.Category,
            tickets.MoveToImmutable(), context.Now);
        return Decision.Persist(new Purchased(Event.Id, ToOrder(issued), stock.Available - purchase.Quantity), issued);
    }

    private BoxOfficeState ApplyIssued(TicketsIssued issued)
    {
        var stock = Stock[issued.Category];
        var buyer = new BuyerCategory(issued.BuyerId, issued.Category);
        var quantity = issued.Tickets.Length;
        return this with
        {
            Stock = Stock.SetItem(issued.Category, stock with { Sold = stock.Sold + quantity }),
            LastSerial = Math.Max(LastSerial, issued.Tickets[^1].Serial),
            LastOrderNumber = issued.OrderNumber,
            OrdersByRequestId = OrdersByRequestId.Add(issued.RequestId, ToOrder(issued)),
            TicketsByCode = TicketsByCode.AddRange(issued.Tickets.Select(t => KeyValuePair.Create(t.Code, t))),
            TicketsPerBuyer = TicketsPerBuyer.SetItem(buyer, TicketsPerBuyer.GetValueOrDefault(buyer) + quantity),
        };
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
        return null;
    }

    private static bool IsSameRequest(Order original, Purchase purchase) =>
        original.BuyerId == purchase.BuyerId && original.Category == purchase.Category && original.Quantity == purchase.Quantity;

    private string NewUniqueCode(ITicketCodeGenerator codes, HashSet<string> newCodes)
    {
        // 128 random bits practically never collide; checking anyway makes "no code twice" a guarantee.
        while (true)
        {
            var code = codes.NewCode();
            if (!TicketsByCode.ContainsKey(code) && newCodes.Add(code))
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
