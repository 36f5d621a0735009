using TicketActors.Domain.Catalog;

namespace TicketActors.Domain.BoxOffice;

/// <summary>A command for one event's box office; the event id is the routing key.</summary>
public interface IBoxOfficeCommand
{
    string EventId { get; }
}

/// <summary>Set up an event for sale. Repeating it with the same definition is accepted and changes nothing.</summary>
public sealed record CreateEvent(EventDefinition Definition) : IBoxOfficeCommand
{
    public string EventId => Definition.Id;
}

/// <summary>Buy <paramref name="Quantity"/> tickets, all or nothing. <paramref name="RequestId"/> is the idempotency key.</summary>
public sealed record Purchase(string EventId, string RequestId, string BuyerId, string Category, int Quantity)
    : IBoxOfficeCommand
{
    public const int MaxIdLength = 128;
}

/// <summary>Ask for capacity, sold, held, available and checked in per category.</summary>
public sealed record GetAvailability(string EventId) : IBoxOfficeCommand;

/// <summary>
/// Stop selling now, before the planned close (organiser). Closing a closed event is accepted and stores nothing.
/// Holds granted before the close can still be confirmed; request-id replays still return their original outcome.
/// </summary>
public sealed record CloseSales(string EventId) : IBoxOfficeCommand;

/// <summary>
/// Set a category's capacity (organiser). Raising is always allowed (up to <see cref="EventDefinition.MaxCapacity"/> for the
/// whole event); lowering below the tickets sold plus held is refused with <c>CapacityBelowSold</c>. The per-buyer limit
/// is kept as defined, even above a lowered capacity: no buyer can get more than is available anyway.
/// </summary>
public sealed record ChangeCapacity(string EventId, string Category, int Capacity) : IBoxOfficeCommand;

/// <summary>
/// Reserve <paramref name="Quantity"/> tickets for <paramref name="Ttl"/>, all or nothing, like a cart.
/// <paramref name="RequestId"/> is the idempotency key (shared with purchases: one key names one request).
/// </summary>
public sealed record Hold(string EventId, string RequestId, string BuyerId, string Category, int Quantity, TimeSpan Ttl)
    : IBoxOfficeCommand;

/// <summary>Turn a live hold into tickets. Confirming a confirmed hold answers with the original order.</summary>
public sealed record Confirm(string EventId, string HoldId) : IBoxOfficeCommand;

/// <summary>Give a live hold's tickets back. Releasing a released (or expired) hold is accepted and stores nothing.</summary>
public sealed record Release(string EventId, string HoldId) : IBoxOfficeCommand;

/// <summary>
/// Expire every live hold whose deadline is at or before the decision time, at most <paramref name="Limit"/> of them
/// (the earliest first), so one journal write stays small. Sent by the box office's own timer; the reply tells when the
/// next hold expires.
/// </summary>
public sealed record ExpireHolds(string EventId, int Limit = ExpireHolds.DefaultLimit) : IBoxOfficeCommand
{
    public const int DefaultLimit = 1_000;
}

/// <summary>
/// Cancel (refund) an order or some of its tickets, by the buyer who owns it. <paramref name="Serials"/> null cancels
/// every ticket of the order that is not cancelled yet. The tickets go back on sale; later sales get new serials and codes.
/// </summary>
public sealed record Cancel(string EventId, string BuyerId, int OrderNumber, IReadOnlyList<int>? Serials = null)
    : IBoxOfficeCommand;

/// <summary>Admit the ticket with this code at the door, once.</summary>
public sealed record CheckIn(string EventId, string Code) : IBoxOfficeCommand;

/// <summary>Read one order and where each of its tickets stands (valid, cancelled, checked in). Changes nothing.</summary>
public sealed record GetOrder(string EventId, int OrderNumber) : IBoxOfficeCommand;
