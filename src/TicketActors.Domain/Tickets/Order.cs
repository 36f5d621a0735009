using System.Collections.Immutable;

namespace TicketActors.Domain.Tickets;

/// <summary>The tickets one purchase issued, remembered under the buyer's request id.</summary>
public sealed record Order(
    int Number,
    string RequestId,
    string BuyerId,
    string Category,
    ImmutableArray<Ticket> Tickets,
    DateTimeOffset IssuedAt)
{
    public int Quantity => Tickets.Length;

    /// <summary>"3" or "3-4": the serials of the order, which are consecutive.</summary>
    public string SerialRange =>
        Tickets.Length == 1 ? $"{Tickets[0].Serial}" : $"{Tickets[0].Serial}-{Tickets[^1].Serial}";
}
