using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.LiveAvailability;

/// <summary>An event's stock: totals and per category; <c>sold + held + available = capacity</c>.</summary>
public sealed record AvailabilityResponse(string EventId, int Capacity, int Sold, int Held, int Available, int CheckedIn, IReadOnlyList<CategoryAvailabilityResponse> Categories)
{
    public static AvailabilityResponse From(Availability availability) => new(
        availability.EventId, availability.Capacity, availability.Sold, availability.Held, availability.Available, availability.CheckedIn,
        [.. availability.Categories.Select(CategoryAvailabilityResponse.From)]);
}

public sealed record CategoryAvailabilityResponse(string Category, int Capacity, int Sold, int Held, int Available, int CheckedIn)
{
    public static CategoryAvailabilityResponse From(CategoryAvailability c) => new(c.Category, c.Capacity, c.Sold, c.Held, c.Available, c.CheckedIn);
}
