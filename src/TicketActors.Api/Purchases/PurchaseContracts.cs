using TicketActors.Api.Orders;
using TicketActors.Domain.Tickets;

namespace TicketActors.Api.Purchases;

/// <summary>The body of <c>POST /events/{eventId}/purchases</c>: all three fields required.</summary>
public sealed record PurchaseRequest(string BuyerId, string Category, int Quantity);

/// <summary>
/// The order a purchase issued. A retry with the same Idempotency-Key gets exactly this body again, so it holds
/// nothing that changes later (no "tickets remaining"). <paramref name="OrderSecret"/> reads and cancels the order
/// (<c>GET /orders/{orderId}</c>, header <c>X-Order-Secret</c>).
/// </summary>
public sealed record OrderResponse(
    string OrderId,
    string OrderSecret,
    string EventId,
    int OrderNumber,
    string IdempotencyKey,
    string BuyerId,
    string Category,
    int Quantity,
    DateTimeOffset IssuedAt,
    IReadOnlyList<TicketResponse> Tickets)
{
    public static OrderResponse From(string eventId, Order order, OrderSecrets secrets)
    {
        var orderId = OrderIds.Of(eventId, order.Number);
        return new(orderId, secrets.SecretFor(orderId), eventId, order.Number, order.RequestId, order.BuyerId, order.Category, order.Quantity, order.IssuedAt,
            [.. order.Tickets.Select(t => new TicketResponse(t.Serial, t.Code))]);
    }
}

/// <summary>One ticket: its serial within the event and the code the door scans.</summary>
public sealed record TicketResponse(int Serial, string Code);
