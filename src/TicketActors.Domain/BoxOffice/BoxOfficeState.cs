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
/// Every lookup on the purchase, hold, confirm, cancel and check-in paths is a dictionary lookup; live holds are kept
/// sorted by deadline, so expiring them never scans all holds.
/// </summary>
public sealed class BoxOfficeState
{
    private readonly Dictionary<string, CategoryStock> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _ordersByRequestId = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Order> _ordersByNumber = [];
    private readonly Dictionary<string, Ticket> _ticketsByCode = new(StringComparer.Ordinal);
    // Every ticket in the order it was issued, which is serial order: a snapshot copies it instead of sorting the
    // dictionary (a sort of a million tickets on the actor's thread at every snapshot).
    private readonly List<Ticket> _ticketsInSerialOrder = [];
    private readonly Dictionary<BuyerCategory, int> _ticketsPerBuyer = [];
    private readonly Queue<string> _requestIdsOldestFirst = new();
    private readonly Dictionary<string, TicketHold> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _holdIdsByRequestId = new(StringComparer.Ordinal);
    private readonly SortedSet<HoldDeadline> _liveHoldsByDeadline = new(HoldDeadline.EarliestFirst);
    private readonly HashSet<int> _cancelledSerials = [];
    private readonly Dictionary<int, DateTimeOffset> _checkIns = [];
    private readonly List<string> _conflictingEvents = [];
    private readonly int _requestIdWindow;

    /// <param name="requestIdWindow">How many purchase request ids are remembered; past it the oldest is forgotten
    /// (a retry of it is then decided as a new purchase). Part of replay, so every incarnation must use the same.
    /// Holds, and their request ids, are remembered for the event's whole life.</param>
    /// <param name="maxHoldTtl">The longest time-to-live a hold may ask for; <see cref="DefaultMaxHoldTtl"/> when null.
    /// Only decisions use it: replay accepts every stored hold.</param>
    public BoxOfficeState(int requestIdWindow = DefaultRequestIdWindow, TimeSpan? maxHoldTtl = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestIdWindow, 1);
        MaxHoldTtl = maxHoldTtl ?? DefaultMaxHoldTtl;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxHoldTtl, TimeSpan.Zero, nameof(maxHoldTtl));
        _requestIdWindow = requestIdWindow;
    }

    /// <summary>
    /// As many request ids as an event can have tickets: every purchase issues at least one ticket, so until tickets
    /// are cancelled and sold again past this count, a purchase's retry always gets its original order.
    /// </summary>
    public const int DefaultRequestIdWindow = EventDefinition.MaxCapacity;
    public static readonly TimeSpan DefaultMaxHoldTtl = TimeSpan.FromHours(1);

    /// <summary>
    /// The definition as created (a retried <see cref="CreateEvent"/> is compared with it), or null until the event is
    /// created: every command but <see cref="CreateEvent"/> is then <c>UnknownEvent</c>. Changed capacities are in
    /// <see cref="Stock"/>, an early close in <see cref="SalesClosedAt"/>.
    /// </summary>
    public EventDefinition? Event { get; private set; }
    public IReadOnlyDictionary<string, CategoryStock> Stock => _stock;
    public int LastSerial { get; private set; }
    public int LastOrderNumber { get; private set; }
    public TimeSpan MaxHoldTtl { get; }
    /// <summary>The purchases of the request-id window, by request id.</summary>
    public IReadOnlyDictionary<string, Order> OrdersByRequestId => _ordersByRequestId;
    /// <summary>Every order (purchases and confirmed holds), by number: what a buyer can cancel.</summary>
    public IReadOnlyDictionary<int, Order> OrdersByNumber => _ordersByNumber;
    /// <summary>Every ticket ever issued, cancelled ones included (a cancelled code must be told apart from an unknown one).</summary>
    public IReadOnlyDictionary<string, Ticket> TicketsByCode => _ticketsByCode;
    /// <summary>What counts against the per-buyer limit: tickets owned and not cancelled, plus tickets in live holds.</summary>
    public IReadOnlyDictionary<BuyerCategory, int> TicketsPerBuyer => _ticketsPerBuyer;
    /// <summary>Every hold ever placed, by hold id.</summary>
    public IReadOnlyDictionary<string, TicketHold> Holds => _holds;
    public IReadOnlySet<int> CancelledSerials => _cancelledSerials;
    /// <summary>When each admitted ticket (by serial) was checked in.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> CheckIns => _checkIns;
    /// <summary>When sales were closed early by <see cref="CloseSales"/>, if they were.</summary>
    public DateTimeOffset? SalesClosedAt { get; private set; }

    /// <summary>
    /// The earliest deadline of a live hold, or null when no hold is live: when the box office must next send itself
    /// <see cref="ExpireHolds"/>. Read from the persisted deadlines, so it is right after a recovery too.
    /// </summary>
    public DateTimeOffset? NextHoldExpiry => _liveHoldsByDeadline.Count == 0 ? null : _liveHoldsByDeadline.Min.ExpiresAt;

    /// <summary>The state rebuilt from stored events, in order.</summary>
    public static BoxOfficeState Replay(IEnumerable<IBoxOfficeEvent> events, int requestIdWindow = DefaultRequestIdWindow, TimeSpan? maxHoldTtl = null)
    {
        var state = new BoxOfficeState(requestIdWindow, maxHoldTtl);
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
        GetAvailability query => Decision.ReplyOnly(IsUnknownEvent(query) ? UnknownEvent(query) : Availability()),
        Hold hold => DecideHold(hold, context),
        Confirm confirm => DecideConfirm(confirm, context),
        Release release => DecideRelease(release, context),
        ExpireHolds expire => DecideExpireHolds(expire, context),
        Cancel cancel => DecideCancel(cancel, context),
        CheckIn checkIn => DecideCheckIn(checkIn, context),
        CloseSales close => DecideCloseSales(close, context),
        ChangeCapacity change => DecideChangeCapacity(change, context),
        GetOrder query => Decision.ReplyOnly(DecideGetOrder(query)),
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
            case TicketsHeld held:
                ApplyHeld(held);
                break;
            case HoldConfirmed confirmed:
                ApplyConfirmed(confirmed);
                break;
            case HoldReleased released:
                EndHold(released.HoldId, HoldStatus.Released, released.At);
                break;
            case HoldExpired expired:
                EndHold(expired.HoldId, HoldStatus.Expired, expired.At);
                break;
            case TicketsCancelled cancelled:
                ApplyCancelled(cancelled);
                break;
            case TicketCheckedIn checkedIn:
                ApplyCheckedIn(checkedIn);
                break;
            case SalesClosed closed:
                SalesClosedAt ??= closed.At;
                break;
            case CapacityChanged changed:
                var stock = _stock[changed.Category];
                _stock[changed.Category] = stock with { Category = stock.Category with { Capacity = changed.Capacity } };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown box office event");
        }
    }

    /// <summary>
    /// Why <see cref="Apply"/> could not apply this stored event to this state (it names something the state does not
    /// have), or null when it can. For reading journals the box office did not write itself, e.g. <c>verify</c>.
    /// </summary>
    public string? ApplyProblem(IBoxOfficeEvent @event)
    {
        if (Event is null && @event is not EventCreated)
        {
            return $"a {@event.GetType().Name} before the event was created";
        }
        return @event switch
        {
            TicketsHeld held when _holds.ContainsKey(held.HoldId) => $"hold '{held.HoldId}' is placed a second time",
            TicketsHeld held when _holdIdsByRequestId.ContainsKey(held.RequestId) => $"request id '{held.RequestId}' is used by two holds",
            TicketsHeld held when !_stock.ContainsKey(held.Category) => $"hold '{held.HoldId}' is of category '{held.Category}', which the event does not have",
            TicketsHeld { Quantity: < 1 } held => $"hold '{held.HoldId}' holds {held.Quantity} tickets",
            HoldConfirmed confirmed when !_holds.TryGetValue(confirmed.HoldId, out _) => $"unknown hold '{confirmed.HoldId}' is confirmed",
            HoldConfirmed confirmed when confirmed.Tickets.IsDefaultOrEmpty => $"hold '{confirmed.HoldId}' is confirmed with no tickets",
            HoldConfirmed confirmed when confirmed.Category != _holds[confirmed.HoldId].Category =>
                $"hold '{confirmed.HoldId}' of category '{_holds[confirmed.HoldId].Category}' is confirmed as '{confirmed.Category}'",
            HoldConfirmed confirmed when confirmed.Tickets.Any(t => _ticketsByCode.ContainsKey(t.Code)) ||
                confirmed.Tickets.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count() != confirmed.Tickets.Length =>
                $"hold '{confirmed.HoldId}' is confirmed with a ticket code issued twice",
            HoldConfirmed confirmed when _ordersByNumber.ContainsKey(confirmed.OrderNumber) => $"hold '{confirmed.HoldId}' is confirmed as order {confirmed.OrderNumber}, which exists",
            HoldReleased released when !_holds.ContainsKey(released.HoldId) => $"unknown hold '{released.HoldId}' is released",
            HoldExpired expired when !_holds.ContainsKey(expired.HoldId) => $"unknown hold '{expired.HoldId}' expires",
            TicketsCancelled cancelled when !_ordersByNumber.TryGetValue(cancelled.OrderNumber, out _) => $"unknown order {cancelled.OrderNumber} is cancelled",
            TicketsCancelled cancelled when cancelled.Serials.IsDefaultOrEmpty => $"order {cancelled.OrderNumber} is cancelled without serials",
            TicketsCancelled cancelled when cancelled.Serials.Any(s => !_ordersByNumber[cancelled.OrderNumber].Tickets.Any(t => t.Serial == s)) =>
                $"order {cancelled.OrderNumber} is cancelled with a serial that is not one of its tickets",
            TicketCheckedIn checkedIn when !_ticketsByCode.TryGetValue(checkedIn.Code, out var ticket) || ticket.Serial != checkedIn.Serial =>
                $"ticket {checkedIn.Serial} with an unknown code is checked in",
            CapacityChanged changed when !_stock.ContainsKey(changed.Category) => $"the capacity of unknown category '{changed.Category}' is changed",
            _ => null,
        };
    }

    public Availability Availability() =>
        new(Event?.Id ?? "", [.. (Event?.Categories ?? []).Select(c => _stock[c.Name].ToAvailability())]);

    /// <summary>Every way this state breaks the guarantees; empty when they hold.</summary>
    public IReadOnlyList<string> InvariantViolations()
    {
        var violations = new List<string>();
        var heldByCategory = _holds.Values.Where(h => h.Status == HoldStatus.Live)
            .GroupBy(h => h.Category).ToDictionary(g => g.Key, g => g.Sum(h => h.Quantity));
        foreach (var stock in Stock.Values)
        {
            if (stock.Sold < 0 || stock.Held < 0 || stock.Available < 0)
            {
                violations.Add($"category '{stock.Category.Name}': sold {stock.Sold}, held {stock.Held}, available {stock.Available} over capacity {stock.Capacity}");
            }
            var inHolds = heldByCategory.GetValueOrDefault(stock.Category.Name);
            if (stock.Held != inHolds)
            {
                violations.Add($"category '{stock.Category.Name}': {stock.Held} counted as held, but the live holds hold {inHolds}");
            }
            if (stock.CheckedIn > stock.Sold)
            {
                violations.Add($"category '{stock.Category.Name}': {stock.CheckedIn} checked in, but only {stock.Sold} sold");
            }
        }
        var sold = Stock.Values.Sum(s => s.Sold);
        var live = TicketsByCode.Count - _cancelledSerials.Count;
        if (live != sold)
        {
            violations.Add(_cancelledSerials.Count == 0
                ? $"{sold} tickets counted as sold, but {TicketsByCode.Count} ticket codes issued"
                : $"{sold} tickets counted as sold, but {TicketsByCode.Count} ticket codes issued of which {_cancelledSerials.Count} cancelled");
        }
        var serials = TicketsByCode.Values.Select(t => t.Serial).Distinct().Count();
        if (serials != TicketsByCode.Count)
        {
            violations.Add($"{TicketsByCode.Count - serials} ticket serials issued more than once");
        }
        var counted = _ticketsPerBuyer.Values.Sum(n => (long)n);
        if (counted != sold + Stock.Values.Sum(s => (long)s.Held))
        {
            violations.Add($"buyers are counted for {counted} tickets, but {sold} are sold and {Stock.Values.Sum(s => s.Held)} held");
        }
        var checkedInCancelled = _checkIns.Keys.Count(_cancelledSerials.Contains);
        if (checkedInCancelled > 0)
        {
            violations.Add($"{checkedInCancelled} tickets both checked in and cancelled");
        }
        violations.AddRange(_conflictingEvents);
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
                    $"event '{Event.Id}' already exists with another definition: {string.Join("; ", Event.DifferencesFrom(definition))}"));
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
        if (Invalid(purchase, purchase.RequestId, purchase.BuyerId, purchase.Category, purchase.Quantity) is { } invalid)
        {
            return Decision.ReplyOnly(invalid);
        }
        if (IsUnknownEvent(purchase))
        {
            return Decision.ReplyOnly(UnknownEvent(purchase));
        }
        if (_ordersByRequestId.TryGetValue(purchase.RequestId, out var original))
        {
            return IsSameRequest(original, purchase)
                ? Decision.ReplyOnly(new Purchased(Event!.Id, original, _stock[original.Category].Available))
                : Decision.ReplyOnly(Reject(purchase, RejectionReason.RequestIdConflict,
                    $"request id '{purchase.RequestId}' was already used for {original.Quantity} '{original.Category}' ticket(s) for buyer '{original.BuyerId}'"));
        }
        if (_holdIdsByRequestId.TryGetValue(purchase.RequestId, out var holdId))
        {
            return Decision.ReplyOnly(HoldRequestIdConflict(purchase, purchase.RequestId, _holds[holdId]));
        }
        if ((SalesClosedProblem(purchase, context.Now) ?? StockProblem(purchase, purchase.BuyerId, purchase.Category, purchase.Quantity)) is { } refused)
        {
            return Decision.ReplyOnly(refused);
        }

        var stock = _stock[purchase.Category];
        var tickets = NewTickets(purchase.Category, purchase.Quantity, context.Codes);
        var issued = new TicketsIssued(LastOrderNumber + 1, purchase.RequestId, purchase.BuyerId, purchase.Category, tickets, context.Now);
        return Decision.Persist(new Purchased(Event!.Id, ToOrder(issued), stock.Available - purchase.Quantity), issued);
    }

    private Decision DecideHold(Hold hold, DecisionContext context)
    {
        if (Invalid(hold, hold.RequestId, hold.BuyerId, hold.Category, hold.Quantity) is { } invalid)
        {
            return Decision.ReplyOnly(invalid);
        }
        if (hold.Ttl <= TimeSpan.Zero || hold.Ttl > MaxHoldTtl)
        {
            return Decision.ReplyOnly(Reject(hold, RejectionReason.InvalidTtl,
                $"a hold lasts more than no time and at most {MaxHoldTtl}, not {hold.Ttl}"));
        }
        if (IsUnknownEvent(hold))
        {
            return Decision.ReplyOnly(UnknownEvent(hold));
        }
        if (_holdIdsByRequestId.TryGetValue(hold.RequestId, out var holdId))
        {
            var original = _holds[holdId];
            return IsSameRequest(original, hold)
                ? Decision.ReplyOnly(Placed(original))
                : Decision.ReplyOnly(HoldRequestIdConflict(hold, hold.RequestId, original));
        }
        if (_ordersByRequestId.TryGetValue(hold.RequestId, out var order))
        {
            return Decision.ReplyOnly(Reject(hold, RejectionReason.RequestIdConflict,
                $"request id '{hold.RequestId}' was already used to buy {order.Quantity} '{order.Category}' ticket(s) for buyer '{order.BuyerId}'"));
        }
        if ((SalesClosedProblem(hold, context.Now) ?? StockProblem(hold, hold.BuyerId, hold.Category, hold.Quantity)) is { } refused)
        {
            return Decision.ReplyOnly(refused);
        }

        var held = new TicketsHeld(NewHoldId(context.Codes), hold.RequestId, hold.BuyerId, hold.Category, hold.Quantity,
            context.Now, context.Now + hold.Ttl);
        var placed = new HoldPlaced(Event!.Id, held.HoldId, held.Category, held.Quantity, held.ExpiresAt,
            _stock[hold.Category].Available - hold.Quantity);
        return Decision.Persist(placed, held);
    }

    /// <summary>
    /// A confirm after the sales window closed is still accepted: the tickets were granted inside the window and are
    /// counted as held. A confirm at or after the deadline is refused even before the expiry is stored, so the answer
    /// never depends on when the timer ran: a hold is either confirmed before its deadline or expired, never both.
    /// </summary>
    private Decision DecideConfirm(Confirm confirm, DecisionContext context)
    {
        if (FindHold(confirm, confirm.HoldId) is not { } hold)
        {
            return Decision.ReplyOnly(HoldNotFound(confirm, confirm.HoldId));
        }
        switch (hold.Status)
        {
            case HoldStatus.Confirmed:
                return Decision.ReplyOnly(new Purchased(Event!.Id, _ordersByNumber[hold.OrderNumber!.Value], _stock[hold.Category].Available));
            case HoldStatus.Released:
                return Decision.ReplyOnly(Reject(confirm, RejectionReason.HoldReleased,
                    $"hold '{hold.HoldId}' was released at {hold.EndedAt:O}; its tickets are back on sale"));
            case HoldStatus.Expired:
                return Decision.ReplyOnly(Reject(confirm, RejectionReason.HoldExpired,
                    $"hold '{hold.HoldId}' expired at {hold.ExpiresAt:O}; its tickets are back on sale"));
        }
        if (!hold.IsConfirmableAt(context.Now))
        {
            return Decision.ReplyOnly(Reject(confirm, RejectionReason.HoldExpired,
                $"hold '{hold.HoldId}' expired at {hold.ExpiresAt:O}"));
        }

        var tickets = NewTickets(hold.Category, hold.Quantity, context.Codes);
        var confirmed = new HoldConfirmed(hold.HoldId, LastOrderNumber + 1, hold.Category, tickets, context.Now);
        var order = new Order(confirmed.OrderNumber, hold.RequestId, hold.BuyerId, hold.Category, tickets, context.Now);
        return Decision.Persist(new Purchased(Event!.Id, order, _stock[hold.Category].Available), confirmed);
    }

    /// <summary>Releasing a hold that is already over (released, or expired) is accepted and stores nothing: its tickets are back.</summary>
    private Decision DecideRelease(Release release, DecisionContext context)
    {
        if (FindHold(release, release.HoldId) is not { } hold)
        {
            return Decision.ReplyOnly(HoldNotFound(release, release.HoldId));
        }
        var available = _stock[hold.Category].Available;
        return hold.Status switch
        {
            HoldStatus.Confirmed => Decision.ReplyOnly(Reject(release, RejectionReason.HoldAlreadyConfirmed,
                $"hold '{hold.HoldId}' was confirmed as order {hold.OrderNumber}; cancel the order to give its tickets back")),
            HoldStatus.Live => Decision.Persist(new Released(Event!.Id, hold.HoldId, available + hold.Quantity), new HoldReleased(hold.HoldId, context.Now)),
            _ => Decision.ReplyOnly(new Released(Event!.Id, hold.HoldId, available)),
        };
    }

    private Decision DecideExpireHolds(ExpireHolds expire, DecisionContext context)
    {
        if (expire.Limit < 1)
        {
            return Decision.ReplyOnly(Reject(expire, RejectionReason.InvalidRequest, $"the limit must be 1 or more, not {expire.Limit}"));
        }
        if (IsUnknownEvent(expire))
        {
            return Decision.ReplyOnly(UnknownEvent(expire));
        }
        var expired = ImmutableArray.CreateBuilder<IBoxOfficeEvent>();
        DateTimeOffset? next = null;
        foreach (var deadline in _liveHoldsByDeadline)
        {
            if (deadline.ExpiresAt > context.Now || expired.Count == expire.Limit)
            {
                next = deadline.ExpiresAt;
                break;
            }
            expired.Add(new HoldExpired(deadline.HoldId, context.Now));
        }
        return new Decision(new HoldsExpired(Event!.Id, expired.Count, next), expired.ToImmutable());
    }

    /// <summary>
    /// All or nothing: every named ticket must be one of the order's, not cancelled and not checked in (a ticket used at
    /// the door cannot be refunded). Without serials, every ticket of the order not cancelled yet is cancelled.
    /// Cancelling is not selling: it is accepted outside the sales window too.
    /// </summary>
    private Decision DecideCancel(Cancel cancel, DecisionContext context)
    {
        if (!IsValidId(cancel.BuyerId))
        {
            return Decision.ReplyOnly(Reject(cancel, RejectionReason.InvalidRequest, $"a buyer id of 1-{Purchase.MaxIdLength} characters is required"));
        }
        if (cancel.Serials is { } named && (named.Count == 0 || named.Distinct().Count() != named.Count))
        {
            return Decision.ReplyOnly(Reject(cancel, RejectionReason.InvalidRequest,
                "name each serial to cancel once, or none to cancel the whole order"));
        }
        if (IsUnknownEvent(cancel))
        {
            return Decision.ReplyOnly(UnknownEvent(cancel));
        }
        if (!_ordersByNumber.TryGetValue(cancel.OrderNumber, out var order))
        {
            return Decision.ReplyOnly(Reject(cancel, RejectionReason.UnknownOrder, $"event '{Event!.Id}' has no order {cancel.OrderNumber}"));
        }
        if (order.BuyerId != cancel.BuyerId)
        {
            return Decision.ReplyOnly(Reject(cancel, RejectionReason.NotOrderOwner, $"order {order.Number} is not an order of buyer '{cancel.BuyerId}'"));
        }

        var serials = ImmutableArray.CreateBuilder<int>();
        if (cancel.Serials is null)
        {
            serials.AddRange(order.Tickets.Select(t => t.Serial).Where(s => !_cancelledSerials.Contains(s)));
            if (serials.Count == 0)
            {
                return Decision.ReplyOnly(Reject(cancel, RejectionReason.AlreadyCancelled, $"every ticket of order {order.Number} is cancelled already"));
            }
        }
        else
        {
            foreach (var serial in cancel.Serials)
            {
                if (!order.Tickets.Any(t => t.Serial == serial))
                {
                    return Decision.ReplyOnly(Reject(cancel, RejectionReason.UnknownTicket, $"ticket {serial} is not one of the tickets of order {order.Number} ({order.SerialRange})"));
                }
                if (_cancelledSerials.Contains(serial))
                {
                    return Decision.ReplyOnly(Reject(cancel, RejectionReason.AlreadyCancelled, $"ticket {serial} of order {order.Number} is cancelled already"));
                }
                serials.Add(serial);
            }
            serials.Sort();
        }
        foreach (var serial in serials)
        {
            if (_checkIns.TryGetValue(serial, out var admitted))
            {
                return Decision.ReplyOnly(Reject(cancel, RejectionReason.AlreadyCheckedIn,
                    $"ticket {serial} was checked in at {admitted:O} and cannot be cancelled", checkedInAt: admitted));
            }
        }
        var cancelled = new TicketsCancelled(order.Number, serials.ToImmutable(), context.Now);
        var remaining = _stock[order.Category].Available + serials.Count;
        return Decision.Persist(new Cancelled(Event!.Id, order.Number, cancelled.Serials, remaining), cancelled);
    }

    private IBoxOfficeReply DecideGetOrder(GetOrder query)
    {
        if (IsUnknownEvent(query))
        {
            return UnknownEvent(query);
        }
        if (!_ordersByNumber.TryGetValue(query.OrderNumber, out var order))
        {
            return Reject(query, RejectionReason.UnknownOrder, $"event '{Event!.Id}' has no order {query.OrderNumber}");
        }
        return new OrderFound(Event!.Id, order, [.. order.Tickets.Select(TicketStateOf)]);
    }

    private TicketState TicketStateOf(Ticket ticket) =>
        _checkIns.TryGetValue(ticket.Serial, out var admitted) ? new TicketState(ticket.Serial, ticket.Code, TicketStatus.CheckedIn, admitted)
        : _cancelledSerials.Contains(ticket.Serial) ? new TicketState(ticket.Serial, ticket.Code, TicketStatus.Cancelled)
        : new TicketState(ticket.Serial, ticket.Code, TicketStatus.Valid);

    private Decision DecideCheckIn(CheckIn checkIn, DecisionContext context)
    {
        if (!IsValidId(checkIn.Code))
        {
            return Decision.ReplyOnly(Reject(checkIn, RejectionReason.InvalidRequest, $"a ticket code of 1-{Purchase.MaxIdLength} characters is required"));
        }
        if (IsUnknownEvent(checkIn))
        {
            return Decision.ReplyOnly(UnknownEvent(checkIn));
        }
        if (!_ticketsByCode.TryGetValue(checkIn.Code, out var ticket))
        {
            return Decision.ReplyOnly(Reject(checkIn, RejectionReason.UnknownTicket, $"no ticket of event '{Event!.Id}' has this code"));
        }
        if (_cancelledSerials.Contains(ticket.Serial))
        {
            return Decision.ReplyOnly(Reject(checkIn, RejectionReason.TicketCancelled, $"ticket {ticket.Serial} was cancelled and is not valid"));
        }
        if (_checkIns.TryGetValue(ticket.Serial, out var admitted))
        {
            return Decision.ReplyOnly(Reject(checkIn, RejectionReason.AlreadyCheckedIn,
                $"ticket {ticket.Serial} was checked in at {admitted:O}", checkedInAt: admitted));
        }
        return Decision.Persist(new CheckedIn(Event!.Id, ticket.Serial, ticket.Category, context.Now),
            new TicketCheckedIn(ticket.Serial, ticket.Code, context.Now));
    }

    private Decision DecideCloseSales(CloseSales close, DecisionContext context)
    {
        if (IsUnknownEvent(close))
        {
            return Decision.ReplyOnly(UnknownEvent(close));
        }
        if (SalesClosedAt is { } closed)
        {
            return Decision.ReplyOnly(new SalesEnded(Event!.Id, closed));
        }
        if (Event!.SalesCloseAt is { } planned && context.Now >= planned)
        {
            return Decision.ReplyOnly(new SalesEnded(Event.Id, planned));
        }
        return Decision.Persist(new SalesEnded(Event.Id, context.Now), new SalesClosed(context.Now));
    }

    private Decision DecideChangeCapacity(ChangeCapacity change, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(change.Category))
        {
            return Decision.ReplyOnly(Reject(change, RejectionReason.InvalidRequest, "a ticket category is required"));
        }
        if (IsUnknownEvent(change))
        {
            return Decision.ReplyOnly(UnknownEvent(change));
        }
        if (!_stock.TryGetValue(change.Category, out var stock))
        {
            return Decision.ReplyOnly(Reject(change, RejectionReason.UnknownCategory, $"event '{Event!.Id}' has no category '{change.Category}'"));
        }
        if (change.Capacity is < 1 or > EventDefinition.MaxCapacity)
        {
            return Decision.ReplyOnly(Reject(change, RejectionReason.InvalidEvent,
                $"category '{change.Category}': capacity must be 1-{EventDefinition.MaxCapacity}, not {change.Capacity}"));
        }
        var total = _stock.Values.Sum(s => (long)s.Capacity) - stock.Capacity + change.Capacity;
        if (total > EventDefinition.MaxCapacity)
        {
            return Decision.ReplyOnly(Reject(change, RejectionReason.InvalidEvent,
                $"the capacities of all categories would add up to {total}, more than {EventDefinition.MaxCapacity}"));
        }
        if (change.Capacity < stock.Sold + stock.Held)
        {
            return Decision.ReplyOnly(Reject(change, RejectionReason.CapacityBelowSold,
                $"category '{change.Category}': capacity {change.Capacity} is below the {stock.Sold} ticket(s) sold plus {stock.Held} held"));
        }
        var changed = stock with { Category = stock.Category with { Capacity = change.Capacity } };
        var reply = new CapacityUpdated(Event!.Id, changed.ToAvailability());
        return change.Capacity == stock.Capacity
            ? Decision.ReplyOnly(reply)
            : Decision.Persist(reply, new CapacityChanged(change.Category, change.Capacity, context.Now));
    }

    private void ApplyIssued(TicketsIssued issued)
    {
        var stock = _stock[issued.Category];
        var quantity = issued.Tickets.Length;
        _stock[issued.Category] = stock with { Sold = stock.Sold + quantity };
        var order = ToOrder(issued);
        AddOrder(order);
        Remember(order);
        AddToBuyer(new BuyerCategory(issued.BuyerId, issued.Category), quantity);
    }

    private void ApplyHeld(TicketsHeld held)
    {
        var hold = new TicketHold(held.HoldId, held.RequestId, held.BuyerId, held.Category, held.Quantity, held.HeldAt, held.ExpiresAt);
        _holds.Add(hold.HoldId, hold);
        _holdIdsByRequestId.Add(hold.RequestId, hold.HoldId);
        _liveHoldsByDeadline.Add(new HoldDeadline(hold.ExpiresAt, hold.HoldId));
        var stock = _stock[hold.Category];
        _stock[hold.Category] = stock with { Held = stock.Held + hold.Quantity };
        AddToBuyer(new BuyerCategory(hold.BuyerId, hold.Category), hold.Quantity);
    }

    private void ApplyConfirmed(HoldConfirmed confirmed)
    {
        var hold = _holds[confirmed.HoldId];
        if (!Ends(hold, HoldStatus.Confirmed))
        {
            return;
        }
        var quantity = confirmed.Tickets.Length;
        var stock = _stock[hold.Category];
        _stock[hold.Category] = stock with { Held = stock.Held - hold.Quantity, Sold = stock.Sold + quantity };
        AddOrder(new Order(confirmed.OrderNumber, hold.RequestId, hold.BuyerId, hold.Category, confirmed.Tickets, confirmed.ConfirmedAt));
        _holds[hold.HoldId] = hold with { Status = HoldStatus.Confirmed, OrderNumber = confirmed.OrderNumber, EndedAt = confirmed.ConfirmedAt };
        _liveHoldsByDeadline.Remove(new HoldDeadline(hold.ExpiresAt, hold.HoldId));
        AddToBuyer(new BuyerCategory(hold.BuyerId, hold.Category), quantity - hold.Quantity);
    }

    private void EndHold(string holdId, HoldStatus status, DateTimeOffset at)
    {
        var hold = _holds[holdId];
        if (!Ends(hold, status))
        {
            return;
        }
        var stock = _stock[hold.Category];
        _stock[hold.Category] = stock with { Held = stock.Held - hold.Quantity };
        _holds[holdId] = hold with { Status = status, EndedAt = at };
        _liveHoldsByDeadline.Remove(new HoldDeadline(hold.ExpiresAt, hold.HoldId));
        AddToBuyer(new BuyerCategory(hold.BuyerId, hold.Category), -hold.Quantity);
    }

    /// <summary>
    /// A hold ends once. A second end (confirmed and then expired, say) is never decided; if a journal holds one anyway,
    /// the first end stands and the conflict is reported by <see cref="InvariantViolations"/>.
    /// </summary>
    private bool Ends(TicketHold hold, HoldStatus status)
    {
        if (hold.Status == HoldStatus.Live)
        {
            return true;
        }
        _conflictingEvents.Add($"hold '{hold.HoldId}' was {hold.Status.ToString().ToLowerInvariant()} and then {status.ToString().ToLowerInvariant()}");
        return false;
    }

    private void ApplyCancelled(TicketsCancelled cancelled)
    {
        var order = _ordersByNumber[cancelled.OrderNumber];
        var count = 0;
        foreach (var serial in cancelled.Serials)
        {
            if (_cancelledSerials.Add(serial))
            {
                count++;
            }
        }
        var stock = _stock[order.Category];
        _stock[order.Category] = stock with { Sold = stock.Sold - count };
        AddToBuyer(new BuyerCategory(order.BuyerId, order.Category), -count);
    }

    private void ApplyCheckedIn(TicketCheckedIn checkedIn)
    {
        var ticket = _ticketsByCode[checkedIn.Code];
        if (_checkIns.TryAdd(ticket.Serial, checkedIn.At))
        {
            var stock = _stock[ticket.Category];
            _stock[ticket.Category] = stock with { CheckedIn = stock.CheckedIn + 1 };
        }
    }

    private void AddOrder(Order order)
    {
        LastSerial = Math.Max(LastSerial, order.Tickets[^1].Serial);
        LastOrderNumber = Math.Max(LastOrderNumber, order.Number);
        _ordersByNumber[order.Number] = order;
        foreach (var ticket in order.Tickets)
        {
            _ticketsByCode.Add(ticket.Code, ticket);
            _ticketsInSerialOrder.Add(ticket);
        }
    }

    private void AddToBuyer(BuyerCategory buyer, int quantity)
    {
        var count = _ticketsPerBuyer.GetValueOrDefault(buyer) + quantity;
        if (count == 0)
        {
            _ticketsPerBuyer.Remove(buyer);
        }
        else
        {
            _ticketsPerBuyer[buyer] = count;
        }
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
    public BoxOfficeSnapshot ToSnapshot()
    {
        var recent = _requestIdsOldestFirst.Select(id => _ordersByRequestId[id]).ToList();
        // Orders that left the request-id window; none while the window holds every order (then no set is built).
        var older = _ordersByNumber.Count == recent.Count
            ? []
            : _ordersByNumber.Values.Where(o => !_ordersByRequestId.TryGetValue(o.RequestId, out var kept) || kept.Number != o.Number);
        return new BoxOfficeSnapshot(
            Event,
            [.. _stock.Values.Select(s => new CategorySales(s.Category.Name, s.Sold, s.Held,
                s.Capacity == Event?.Category(s.Category.Name)?.Capacity ? null : s.Capacity))],
            LastSerial,
            LastOrderNumber,
            IsInSerialOrder(_ticketsInSerialOrder) ? [.. _ticketsInSerialOrder] : [.. _ticketsInSerialOrder.OrderBy(t => t.Serial)],
            [.. _ticketsPerBuyer.Select(b => new BuyerTickets(b.Key.BuyerId, b.Key.Category, b.Value))],
            [.. recent.Select(Summary)],
            NullIfEmpty(older.OrderBy(o => o.Number).Select(Summary)),
            NullIfEmpty(_holds.Values),
            NullIfEmpty(_cancelledSerials.Order()),
            NullIfEmpty(_checkIns.OrderBy(c => c.Key).Select(c => new TicketCheckIn(c.Key, c.Value))),
            SalesClosedAt);

        static OrderSummary Summary(Order o) => new(o.Number, o.RequestId, o.BuyerId, o.Category, o.Tickets[0].Serial, o.Quantity, o.IssuedAt);
        static T[]? NullIfEmpty<T>(IEnumerable<T> items) => items.ToArray() is { Length: > 0 } array ? array : null;

        static bool IsInSerialOrder(List<Ticket> tickets)
        {
            for (var i = 1; i < tickets.Count; i++)
            {
                if (tickets[i].Serial < tickets[i - 1].Serial)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// The state a snapshot describes; events after it are then applied as usual. A snapshot written before holds and
    /// cancels existed knows only the orders of its request-id window: older orders can then not be cancelled.
    /// </summary>
    public static BoxOfficeState FromSnapshot(BoxOfficeSnapshot snapshot, int requestIdWindow = DefaultRequestIdWindow, TimeSpan? maxHoldTtl = null)
    {
        var state = new BoxOfficeState(requestIdWindow, maxHoldTtl)
        {
            Event = snapshot.Event,
            LastSerial = snapshot.LastSerial,
            LastOrderNumber = snapshot.LastOrderNumber,
            SalesClosedAt = snapshot.SalesClosedAt,
        };
        var bySerial = new Dictionary<int, Ticket>(snapshot.Tickets.Count);
        foreach (var ticket in snapshot.Tickets)
        {
            state._ticketsByCode.Add(ticket.Code, ticket);
            state._ticketsInSerialOrder.Add(ticket);
            bySerial.Add(ticket.Serial, ticket);
        }
        foreach (var checkIn in snapshot.CheckIns ?? [])
        {
            state._checkIns.Add(checkIn.Serial, checkIn.At);
        }
        if (snapshot.Event is { } definition)
        {
            var sales = snapshot.Sales.ToDictionary(s => s.Category);
            var checkedIn = state._checkIns.Keys.GroupBy(serial => bySerial[serial].Category).ToDictionary(g => g.Key, g => g.Count());
            foreach (var category in definition.Categories)
            {
                var sold = sales.TryGetValue(category.Name, out var s) ? s : new CategorySales(category.Name, 0, 0);
                state._stock[category.Name] = new CategoryStock(category with { Capacity = sold.Capacity ?? category.Capacity },
                    sold.Sold, sold.Held, checkedIn.GetValueOrDefault(category.Name));
            }
        }
        foreach (var buyer in snapshot.Buyers)
        {
            state._ticketsPerBuyer[new BuyerCategory(buyer.BuyerId, buyer.Category)] = buyer.Count;
        }
        foreach (var summary in snapshot.RecentOrders)
        {
            var order = ToOrder(summary, bySerial);
            state.Remember(order);
            state._ordersByNumber.Add(order.Number, order);
        }
        foreach (var summary in snapshot.OtherOrders ?? [])
        {
            state._ordersByNumber.Add(summary.Number, ToOrder(summary, bySerial));
        }
        foreach (var hold in snapshot.Holds ?? [])
        {
            state._holds.Add(hold.HoldId, hold);
            state._holdIdsByRequestId.Add(hold.RequestId, hold.HoldId);
            if (hold.Status == HoldStatus.Live)
            {
                state._liveHoldsByDeadline.Add(new HoldDeadline(hold.ExpiresAt, hold.HoldId));
            }
        }
        state._cancelledSerials.UnionWith(snapshot.CancelledSerials ?? []);
        return state;

        static Order ToOrder(OrderSummary o, Dictionary<int, Ticket> bySerial) =>
            new(o.Number, o.RequestId, o.BuyerId, o.Category, [.. Enumerable.Range(o.FirstSerial, o.Quantity).Select(serial => bySerial[serial])], o.IssuedAt);
    }

    private static Rejected? Invalid(IBoxOfficeCommand command, string requestId, string buyerId, string category, int quantity)
    {
        if (quantity < 1)
        {
            return Reject(command, RejectionReason.InvalidQuantity, $"quantity must be 1 or more, not {quantity}");
        }
        if (!IsValidId(requestId))
        {
            return Reject(command, RejectionReason.InvalidRequest, $"a request id of 1-{Purchase.MaxIdLength} characters is required");
        }
        if (!IsValidId(buyerId))
        {
            return Reject(command, RejectionReason.InvalidRequest, $"a buyer id of 1-{Purchase.MaxIdLength} characters is required");
        }
        if (string.IsNullOrWhiteSpace(category))
        {
            return Reject(command, RejectionReason.InvalidRequest, "a ticket category is required");
        }
        return null;
    }

    private static bool IsValidId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= Purchase.MaxIdLength;

    /// <summary>Whether the event is on sale now: inside its planned window and not closed early.</summary>
    private Rejected? SalesClosedProblem(IBoxOfficeCommand command, DateTimeOffset now)
    {
        var id = Event!.Id;
        if (SalesClosedAt is { } closed)
        {
            return Reject(command, RejectionReason.SalesClosed, $"sales of '{id}' were closed at {closed:O}");
        }
        if (Event.SalesOpenAt is { } opens && now < opens)
        {
            return Reject(command, RejectionReason.SalesClosed, $"sales of '{id}' open at {opens:O}");
        }
        if (Event.SalesCloseAt is { } closes && now >= closes)
        {
            return Reject(command, RejectionReason.SalesClosed, $"sales of '{id}' closed at {closes:O}");
        }
        return null;
    }

    /// <summary>The category, the per-buyer limit (tickets owned plus held) and the stock, for a purchase or a hold.</summary>
    private Rejected? StockProblem(IBoxOfficeCommand command, string buyerId, string category, int quantity)
    {
        if (!_stock.TryGetValue(category, out var stock))
        {
            return Reject(command, RejectionReason.UnknownCategory, $"event '{Event!.Id}' has no category '{category}'");
        }
        var limit = stock.Category.Limit;
        var owned = _ticketsPerBuyer.GetValueOrDefault(new BuyerCategory(buyerId, category));
        if (quantity > limit - owned)
        {
            return Reject(command, RejectionReason.LimitExceeded,
                $"at most {limit} '{category}' ticket(s) per buyer; buyer '{buyerId}' has {owned} (bought or held) and asked for {quantity}");
        }
        if (stock.Available == 0)
        {
            return Reject(command, RejectionReason.SoldOut, stock.SoldOutMessage, 0);
        }
        if (quantity > stock.Available)
        {
            return Reject(command, RejectionReason.InsufficientTickets,
                $"only {stock.Available} '{category}' ticket(s) left, {quantity} asked for", stock.Available);
        }
        return null;
    }

    /// <summary>The hold a confirm or release names, if the id is valid and the event has it.</summary>
    private TicketHold? FindHold(IBoxOfficeCommand command, string holdId) =>
        IsValidId(holdId) && !IsUnknownEvent(command) && _holds.TryGetValue(holdId, out var hold) ? hold : null;

    /// <summary>Why <see cref="FindHold"/> found nothing.</summary>
    private Rejected HoldNotFound(IBoxOfficeCommand command, string holdId)
    {
        if (!IsValidId(holdId))
        {
            return Reject(command, RejectionReason.InvalidRequest, $"a hold id of 1-{Purchase.MaxIdLength} characters is required");
        }
        return IsUnknownEvent(command)
            ? UnknownEvent(command)
            : Reject(command, RejectionReason.HoldNotFound, $"event '{Event!.Id}' has no hold '{holdId}'");
    }

    private HoldPlaced Placed(TicketHold hold) =>
        new(Event!.Id, hold.HoldId, hold.Category, hold.Quantity, hold.ExpiresAt, _stock[hold.Category].Available);

    private static Rejected HoldRequestIdConflict(IBoxOfficeCommand command, string requestId, TicketHold hold) =>
        Reject(command, RejectionReason.RequestIdConflict,
            $"request id '{requestId}' was already used to hold {hold.Quantity} '{hold.Category}' ticket(s) for {hold.Ttl} for buyer '{hold.BuyerId}'");

    private static bool IsSameRequest(Order original, Purchase purchase) =>
        original.BuyerId == purchase.BuyerId && original.Category == purchase.Category && original.Quantity == purchase.Quantity;

    private static bool IsSameRequest(TicketHold original, Hold hold) =>
        original.BuyerId == hold.BuyerId && original.Category == hold.Category && original.Quantity == hold.Quantity && original.Ttl == hold.Ttl;

    /// <summary>The next serials, each with a new code: serials only grow, so a cancelled ticket's serial is never reused.</summary>
    private ImmutableArray<Ticket> NewTickets(string category, int quantity, ITicketCodeGenerator codes)
    {
        var tickets = ImmutableArray.CreateBuilder<Ticket>(quantity);
        for (var i = 1; i <= quantity; i++)
        {
            tickets.Add(new Ticket(LastSerial + i, NewUniqueCode(codes, tickets), category));
        }
        return tickets.MoveToImmutable();
    }

    private string NewUniqueCode(ITicketCodeGenerator codes, ImmutableArray<Ticket>.Builder sameOrder)
    {
        // 128 random bits practically never collide; checking anyway makes "no code twice" a guarantee.
        while (true)
        {
            var code = codes.NewCode();
            if (!_ticketsByCode.ContainsKey(code) && !IsInOrder(sameOrder, code))
            {
                return code;
            }
        }
    }

    // A loop, not Any(): a lambda over the builder allocated a closure, a delegate and a boxed enumerator per ticket.
    private static bool IsInOrder(ImmutableArray<Ticket>.Builder sameOrder, string code)
    {
        for (var i = 0; i < sameOrder.Count; i++)
        {
            if (sameOrder[i].Code == code)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"h-" and 128 random bits from the code generator: a hold id is the only proof needed to confirm or release it.</summary>
    private string NewHoldId(ITicketCodeGenerator codes)
    {
        while (true)
        {
            var id = $"h-{codes.NewCode()}";
            if (!_holds.ContainsKey(id))
            {
                return id;
            }
        }
    }

    private static Order ToOrder(TicketsIssued issued) =>
        new(issued.OrderNumber, issued.RequestId, issued.BuyerId, issued.Category, issued.Tickets, issued.IssuedAt);

    /// <summary>Before CreateEvent, or a command routed to the wrong box office.</summary>
    private bool IsUnknownEvent(IBoxOfficeCommand command) => Event is null || Event.Id != command.EventId;

    private static Rejected UnknownEvent(IBoxOfficeCommand command) =>
        Reject(command, RejectionReason.UnknownEvent, $"no event '{command.EventId}'");

    private static Rejected Reject(IBoxOfficeCommand command, RejectionReason reason, string message, int? available = null, DateTimeOffset? checkedInAt = null) =>
        new(command.EventId, RequestIdOf(command), reason, message, available, checkedInAt);

    private static string? RequestIdOf(IBoxOfficeCommand command) => command switch
    {
        Purchase purchase => purchase.RequestId,
        Hold hold => hold.RequestId,
        _ => null,
    };

    /// <summary>A live hold's place in the expiry order: earliest deadline first, then by hold id, so the order is total.</summary>
    private readonly record struct HoldDeadline(DateTimeOffset ExpiresAt, string HoldId)
    {
        public static IComparer<HoldDeadline> EarliestFirst { get; } = Comparer<HoldDeadline>.Create((a, b) =>
            a.ExpiresAt.CompareTo(b.ExpiresAt) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.HoldId, b.HoldId));
    }
}

/// <summary>The key of the per-buyer limit: a buyer's tickets are counted per category.</summary>
public readonly record struct BuyerCategory(string BuyerId, string Category);
