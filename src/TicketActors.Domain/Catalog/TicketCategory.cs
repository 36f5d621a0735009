namespace TicketActors.Domain.Catalog;

/// <summary>A kind of ticket of an event (general, vip, ...) with its own stock, price and per-buyer limit.</summary>
public sealed record TicketCategory(string Name, int Capacity, Money Price, int Limit);
