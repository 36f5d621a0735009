using System.Collections.Immutable;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>A fact the box office stored in its journal. Replaying them in order rebuilds the state.</summary>
public interface IBoxOfficeEvent;

/// <summary>The event was set up for sale.</summary>
public sealed record EventCreated(EventDefinition Definition, DateTimeOffset CreatedAt) : IBoxOfficeEvent;

/// <summary>A purchase was accepted: these tickets now belong to the buyer, under this request id.</summary>
public sealed record TicketsIssued(
    int OrderNumber,
    string RequestId,
    string BuyerId,
    string Category,
    ImmutableArray<Ticket> Tickets,
    DateTimeOffset IssuedAt) : IBoxOfficeEvent;

/// <summary>Sales were closed early, at <paramref name="At"/>; nothing is sold or held after it.</summary>
public sealed record SalesClosed(DateTimeOffset At) : IBoxOfficeEvent;

/// <summary>The organiser set the capacity of a category.</summary>
public sealed record CapacityChanged(string Category, int Capacity, DateTimeOffset At) : IBoxOfficeEvent;

/// <summary>Tickets were reserved for a buyer until <paramref name="ExpiresAt"/>, under this request id.</summary>
public sealed record TicketsHeld(
    string HoldId,
    string RequestId,
    string BuyerId,
    string Category,
    int Quantity,
    DateTimeOffset HeldAt,
    DateTimeOffset ExpiresAt) : IBoxOfficeEvent;

/// <summary>A live hold became an order: these tickets (new serials and codes) now belong to the hold's buyer.</summary>
public sealed record HoldConfirmed(
    string HoldId,
    int OrderNumber,
    string Category,
    ImmutableArray<Ticket> Tickets,
    DateTimeOffset ConfirmedAt) : IBoxOfficeEvent;

/// <summary>The buyer gave a live hold's tickets back.</summary>
public sealed record HoldReleased(string HoldId, DateTimeOffset At) : IBoxOfficeEvent;

/// <summary>A hold reached its deadline unconfirmed; the box office gave its tickets back at <paramref name="At"/>.</summary>
public sealed record HoldExpired(string HoldId, DateTimeOffset At) : IBoxOfficeEvent;

/// <summary>These tickets of an order were cancelled: they are never valid again, and their places are on sale again.</summary>
public sealed record TicketsCancelled(int OrderNumber, ImmutableArray<int> Serials, DateTimeOffset At) : IBoxOfficeEvent;

/// <summary>The ticket with this serial and code was admitted at the door.</summary>
public sealed record TicketCheckedIn(int Serial, string Code, DateTimeOffset At) : IBoxOfficeEvent;
