using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Api.Events;

/// <summary>
/// The body of <c>POST /events</c>. <paramref name="StartsAt"/> and the sales window are optional: without
/// <paramref name="SalesOpenAt"/> sales open at once, without <paramref name="SalesCloseAt"/> they stay open until closed.
/// </summary>
public sealed record CreateEventRequest(
    string Id,
    string Name,
    IReadOnlyList<CategoryRequest?> Categories,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? SalesOpenAt = null,
    DateTimeOffset? SalesCloseAt = null)
{
    /// <summary>An event without a start time is stored with this one, so that repeating the same body is the same definition.</summary>
    public static readonly DateTimeOffset NoStartTime = DateTimeOffset.MinValue;

    public EventDefinition ToDefinition() => new(Id, Name, StartsAt ?? NoStartTime,
        [.. Categories.Select(c => c is null ? null! : new TicketCategory(c.Name, c.Capacity, new Money(c.Price, c.Currency), c.Limit))],
        SalesOpenAt, SalesCloseAt);
}

/// <summary>A ticket category: <paramref name="Price"/> in minor units (cents) of the ISO <paramref name="Currency"/>; <paramref name="Limit"/> tickets per buyer.</summary>
public sealed record CategoryRequest(string Name, int Capacity, long Price, string Currency, int Limit);

/// <summary>An event as it was created (capacities as defined then; the availability route has the current ones).</summary>
public sealed record EventResponse(
    string Id,
    string Name,
    DateTimeOffset? StartsAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CategoryResponse> Categories,
    DateTimeOffset? SalesOpenAt = null,
    DateTimeOffset? SalesCloseAt = null)
{
    public static EventResponse From(EventCreated listing)
    {
        var definition = listing.Definition;
        return new(definition.Id, definition.Name,
            definition.StartsAt == CreateEventRequest.NoStartTime ? null : definition.StartsAt,
            listing.CreatedAt,
            [.. definition.Categories.Select(c => new CategoryResponse(c.Name, c.Capacity, c.Price.MinorUnits, c.Price.Currency, c.Limit))],
            definition.SalesOpenAt, definition.SalesCloseAt);
    }
}

public sealed record CategoryResponse(string Name, int Capacity, long Price, string Currency, int Limit);

/// <summary>The body of <c>PUT /events/{eventId}/categories/{category}/capacity</c>.</summary>
public sealed record CapacityRequest(int Capacity);

/// <summary>Sales are closed since <paramref name="ClosedAt"/>.</summary>
public sealed record SalesClosedResponse(DateTimeOffset ClosedAt);
