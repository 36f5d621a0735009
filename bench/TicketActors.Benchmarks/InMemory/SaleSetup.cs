using TicketActors.Benchmarks.Durable;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The workload every design sells: one event of <see cref="Tickets"/> tickets in one category, whose per-buyer limit
/// is the whole capacity, and <see cref="Buyers"/> buyers who each buy one ticket at a time, every purchase with a
/// request id of its own, until they are told <c>SoldOut</c>. So each run answers exactly tickets + buyers requests:
/// every ticket sold once, and one last refusal per buyer.
/// </summary>
public sealed record SaleSetup(int Tickets, int Buyers)
{
    public const string EventId = "in-memory-sale";

    public EventDefinition Event { get; } = ActorPurchases.HotEvent(EventId, Tickets, limit: Tickets);

    public long ExpectedRequests => (long)Tickets + Buyers;

    public static Purchase PurchaseOf(int buyer, int number) =>
        new(EventId, $"b{buyer}-{number}", $"buyer-{buyer}", ActorPurchases.Category, 1);
}
