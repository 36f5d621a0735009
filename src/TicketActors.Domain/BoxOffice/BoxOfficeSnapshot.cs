using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// A box office's whole state at one point of its journal, so recovery replays only the events after it.
/// Orders keep their tickets by serial range: a snapshot stores every ticket once.
/// The fields after <see cref="RecentOrders"/> came with holds, cancels and check-ins; they are null (not empty) when
/// there is nothing to say, so a snapshot of a state without them is the same as one written before they existed.
/// </summary>
/// <param name="RecentOrders">The orders of the request-id window, oldest first.</param>
/// <param name="OtherOrders">Every other order (past the window, or from a confirmed hold): a buyer may cancel them.</param>
/// <param name="Holds">Every hold ever placed, live or ended.</param>
/// <param name="CancelledSerials">The serials of every cancelled ticket.</param>
/// <param name="CheckIns">Every ticket admitted, and when.</param>
/// <param name="SalesClosedAt">When sales were closed early, if they were.</param>
public sealed record BoxOfficeSnapshot(
    EventDefinition? Event,
    IReadOnlyList<CategorySales> Sales,
    int LastSerial,
    int LastOrderNumber,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<BuyerTickets> Buyers,
    IReadOnlyList<OrderSummary> RecentOrders,
    IReadOnlyList<OrderSummary>? OtherOrders = null,
    IReadOnlyList<TicketHold>? Holds = null,
    IReadOnlyList<int>? CancelledSerials = null,
    IReadOnlyList<TicketCheckIn>? CheckIns = null,
    DateTimeOffset? SalesClosedAt = null);

/// <summary>A category's counts; <paramref name="Capacity"/> is set only when it was changed from the defined one.</summary>
public sealed record CategorySales(string Category, int Sold, int Held, int? Capacity = null);

/// <summary>What counts against a buyer's limit in a category: tickets owned (not cancelled) plus tickets in live holds.</summary>
public sealed record BuyerTickets(string BuyerId, string Category, int Count);

/// <summary>An order; its tickets are the <paramref name="Quantity"/> serials from <paramref name="FirstSerial"/>.</summary>
public sealed record OrderSummary(int Number, string RequestId, string BuyerId, string Category, int FirstSerial, int Quantity, DateTimeOffset IssuedAt);

/// <summary>A ticket admitted at the door.</summary>
public sealed record TicketCheckIn(int Serial, DateTimeOffset At);
