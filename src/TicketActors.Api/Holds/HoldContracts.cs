using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Holds;

/// <summary>The body of <c>POST /events/{eventId}/holds</c>: every field required; the hold lasts <paramref name="TtlSeconds"/>.</summary>
public sealed record HoldRequest(string BuyerId, string Category, int Quantity, int TtlSeconds);

/// <summary>
/// A placed hold. A retry with the same Idempotency-Key gets exactly this body again, so it holds nothing that changes
/// later. Confirm it with <paramref name="HoldId"/> before <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record HoldResponse(string HoldId, string EventId, string Category, int Quantity, DateTimeOffset ExpiresAt)
{
    public static HoldResponse From(HoldPlaced placed) => new(placed.HoldId, placed.EventId, placed.Category, placed.Quantity, placed.ExpiresAt);
}

/// <summary>The hold's tickets are back on sale: <paramref name="Remaining"/> tickets of its category are available now.</summary>
public sealed record ReleaseResponse(string HoldId, int Remaining);
