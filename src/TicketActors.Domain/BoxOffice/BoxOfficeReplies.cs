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

/// <summary>The purchase succeeded (or was succeeded before, under the same request id: then it is the original order).</summary>
public sealed record Purchased(string EventId, Order Order, int Remaining) : IBoxOfficeReply;

/// <summary>The command was refused and changed nothing. <paramref name="Available"/> is set for stock rejections.</summary>
public sealed record Rejected(
    string EventId,
    string? RequestId,
    RejectionReason Reason,
    string Message,
    int? Available = null) : IBoxOfficeReply;

/// <summary>Stock of every category of an event.</summary>
public sealed record Availability(string EventId, ImmutableArray<CategoryAvailability> Categories) : IBoxOfficeReply
{
    public int Capacity => Categories.Sum(c => c.Capacity);
    public int Sold => Categories.Sum(c => c.Sold);
    public int Held => Categories.Sum(c => c.Held);
    public int Available => Categories.Sum(c => c.Available);
}

public sealed record CategoryAvailability(string Category, int Capacity, int Sold, int Held, int Available);
