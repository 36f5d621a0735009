using TicketActors.Domain.Catalog;

namespace TicketActors.Domain.Tests.Support;

/// <summary>Event definitions for the specs: valid unless a spec changes one thing.</summary>
public static class Definitions
{
    public const string EventId = "E1";
    public const string General = "general";
    public const string Vip = "vip";

    public static readonly DateTimeOffset StartsAt = new(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);

    public static TicketCategory Category(string name = General, int capacity = 10, int limit = 4, long price = 2_500, string currency = "EUR") =>
        new(name, capacity, new Money(price, currency), limit);

    public static EventDefinition Event(string id, params TicketCategory[] categories) =>
        new(id, "Flash sale", StartsAt, [.. categories]);

    public static EventDefinition Event(params TicketCategory[] categories) => Event(EventId, categories);

    /// <summary>One category, <c>general</c>.</summary>
    public static EventDefinition SingleCategory(int capacity, int limit, string id = EventId) =>
        Event(id, Category(General, capacity, limit));

    /// <summary><c>general</c> (capacity 10, limit 4) and <c>vip</c> (capacity 4, limit 2).</summary>
    public static EventDefinition GeneralAndVip(string id = EventId) =>
        Event(id, Category(General, 10, 4, 2_500), Category(Vip, 4, 2, 9_900));
}
