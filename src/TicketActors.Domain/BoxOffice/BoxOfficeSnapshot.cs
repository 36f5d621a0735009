using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// A box office's whole state at one point of its journal, so recovery replays only the events after it.
/// Orders keep their tickets by serial range: a snapshot stores every ticket once.
/// </summary>
public sealed record BoxOfficeSnapshot(
    EventDefinition? Event,
    IReadOnlyList<CategorySales> Sales,
    int LastSerial,
    int LastOrderNumber,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<BuyerTickets> Buyers,
    IReadOnlyList<OrderSummary> RecentOrders);

public sealed record CategorySales(string Category, int Sold, int Held);

public sealed record BuyerTickets(string BuyerId, string Category, int Count);

/// <summary>An order of the request-id window; its tickets are the <paramref name="Quantity"/> serials from <paramref name="FirstSerial"/>.</summary>
public sealed record OrderSummary(int Number, string RequestId, string BuyerId, string Category, int FirstSerial, int Quantity, DateTimeOffset IssuedAt);
