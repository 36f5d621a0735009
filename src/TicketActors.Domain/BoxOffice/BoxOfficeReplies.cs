using System.Collections.Immutable;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>The one reply every box office command gets.</summary>
public interface IBoxOfficeReply
{
    string EventId { get; }
}

/// <summary>The event exists with the definition that was sent.</summary>
public sealed record EventAccepted(string EventId) : IBoxOfficeReply;

/// <summary>
/// The purchase (or the confirm of a hold) succeeded, or succeeded before under the same request id (hold id): then it
/// is the original order, with the tickets it issued, even those cancelled since (the state tells which).
/// </summary>
public sealed record Purchased(string EventId, Order Order, int Remaining) : IBoxOfficeReply;

/// <summary>
/// The command was refused and changed nothing. <paramref name="Available"/> is set for stock rejections;
/// <paramref name="CheckedInAt"/> for <c>AlreadyCheckedIn</c>: when the ticket was admitted.
/// </summary>
public sealed record Rejected(
    string EventId,
    string? RequestId,
    RejectionReason Reason,
    string Message,
    int? Available = null,
    DateTimeOffset? CheckedInAt = null) : IBoxOfficeReply;

/// <summary>Sales are closed (now, or since <paramref name="ClosedAt"/> when they were closed already).</summary>
public sealed record SalesEnded(string EventId, DateTimeOffset ClosedAt) : IBoxOfficeReply;

/// <summary>The category's capacity is set; its stock as it is now.</summary>
public sealed record CapacityUpdated(string EventId, CategoryAvailability Category) : IBoxOfficeReply;

/// <summary>The tickets are reserved until <paramref name="ExpiresAt"/>; confirm with <paramref name="HoldId"/> before then.</summary>
public sealed record HoldPlaced(string EventId, string HoldId, string Category, int Quantity, DateTimeOffset ExpiresAt, int Remaining)
    : IBoxOfficeReply;

/// <summary>The hold's tickets are back on sale (now, or before: by an earlier release or its expiry).</summary>
public sealed record Released(string EventId, string HoldId, int Remaining) : IBoxOfficeReply;

/// <summary><paramref name="Count"/> holds expired; the next live hold expires at <paramref name="NextExpiry"/> (null: none left).</summary>
public sealed record HoldsExpired(string EventId, int Count, DateTimeOffset? NextExpiry) : IBoxOfficeReply;

/// <summary>These tickets of the order are cancelled and back on sale.</summary>
public sealed record Cancelled(string EventId, int OrderNumber, ImmutableArray<int> Serials, int Remaining) : IBoxOfficeReply;

/// <summary>The ticket is admitted.</summary>
public sealed record CheckedIn(string EventId, int Serial, string Category, DateTimeOffset At) : IBoxOfficeReply;

/// <summary>Stock of every category of an event.</summary>
public sealed record Availability(string EventId, ImmutableArray<CategoryAvailability> Categories) : IBoxOfficeReply
{
    public int Capacity => Categories.Sum(c => c.Capacity);
    public int Sold => Categories.Sum(c => c.Sold);
    public int Held => Categories.Sum(c => c.Held);
    public int Available => Categories.Sum(c => c.Available);
    public int CheckedIn => Categories.Sum(c => c.CheckedIn);
}

/// <summary>
/// One category's stock: <c>Sold + Held + Available == Capacity</c>; <paramref name="CheckedIn"/> counts the sold tickets
/// admitted at the door. CheckedIn comes last and defaults to 0 so that specs of sales without check-ins read as before.
/// </summary>
public sealed record CategoryAvailability(string Category, int Capacity, int Sold, int Held, int Available, int CheckedIn = 0);

/// <summary>An order (a purchase or a confirmed hold) and the status of each of its tickets, in serial order.</summary>
public sealed record OrderFound(string EventId, Order Order, ImmutableArray<TicketState> Tickets) : IBoxOfficeReply;

/// <summary>Where one ticket stands; <paramref name="CheckedInAt"/> is set when it was admitted.</summary>
public sealed record TicketState(int Serial, string Code, TicketStatus Status, DateTimeOffset? CheckedInAt = null);

/// <summary>A ticket is valid until it is admitted at the door or cancelled; both are final.</summary>
public enum TicketStatus
{
    Valid,
    Cancelled,
    CheckedIn,
}
