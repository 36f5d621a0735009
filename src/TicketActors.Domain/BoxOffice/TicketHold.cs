namespace TicketActors.Domain.BoxOffice;

/// <summary>Where a hold stands. A hold ends once, in exactly one of the three end states.</summary>
public enum HoldStatus
{
    /// <summary>Its tickets are reserved until its deadline.</summary>
    Live,
    /// <summary>It became an order.</summary>
    Confirmed,
    /// <summary>Its buyer gave the tickets back.</summary>
    Released,
    /// <summary>It reached its deadline unconfirmed.</summary>
    Expired,
}

/// <summary>
/// A reservation and how it ended. Kept for the event's whole life, so a late confirm still hears <c>HoldExpired</c>
/// and a repeated confirm still gets its original order. <paramref name="OrderNumber"/> is set once confirmed,
/// <paramref name="EndedAt"/> once ended.
/// </summary>
public sealed record TicketHold(
    string HoldId,
    string RequestId,
    string BuyerId,
    string Category,
    int Quantity,
    DateTimeOffset HeldAt,
    DateTimeOffset ExpiresAt,
    HoldStatus Status = HoldStatus.Live,
    int? OrderNumber = null,
    DateTimeOffset? EndedAt = null)
{
    public TimeSpan Ttl => ExpiresAt - HeldAt;

    /// <summary>Live and not yet at its deadline: the only state in which it can be confirmed.</summary>
    public bool IsConfirmableAt(DateTimeOffset now) => Status == HoldStatus.Live && now < ExpiresAt;
}
