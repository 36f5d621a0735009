using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Orders;

/// <summary>An order as its holder reads it: the tickets and where each stands (<c>valid</c>, <c>cancelled</c>, <c>checked-in</c>).</summary>
public sealed record OrderDetailsResponse(
    string OrderId,
    string EventId,
    int OrderNumber,
    string BuyerId,
    string Category,
    DateTimeOffset IssuedAt,
    IReadOnlyList<OrderTicketResponse> Tickets)
{
    public const string Valid = "valid";
    public const string Cancelled = "cancelled";
    public const string CheckedIn = "checked-in";

    public static OrderDetailsResponse From(OrderFound found) => new(
        OrderIds.Of(found.EventId, found.Order.Number), found.EventId, found.Order.Number, found.Order.BuyerId,
        found.Order.Category, found.Order.IssuedAt,
        [.. found.Tickets.Select(t => new OrderTicketResponse(t.Serial, t.Code, StatusOf(t.Status), t.CheckedInAt))]);

    private static string StatusOf(TicketStatus status) => status switch
    {
        TicketStatus.Cancelled => Cancelled,
        TicketStatus.CheckedIn => CheckedIn,
        _ => Valid,
    };
}

/// <summary>One ticket of an order; <paramref name="CheckedInAt"/> is set once it was admitted.</summary>
public sealed record OrderTicketResponse(int Serial, string Code, string Status, DateTimeOffset? CheckedInAt);

/// <summary>The optional body of <c>POST /orders/{orderId}/cancel</c>: the serials to cancel; none (or no body) cancels the rest of the order.</summary>
public sealed record CancelRequest(IReadOnlyList<int>? Serials = null);

/// <summary>What a cancel did: these serials are cancelled, and <paramref name="Remaining"/> tickets of the category are on sale now.</summary>
public sealed record CancelResponse(string OrderId, IReadOnlyList<int> CancelledSerials, int Remaining);
