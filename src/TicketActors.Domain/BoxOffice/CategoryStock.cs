using TicketActors.Domain.Catalog;

namespace TicketActors.Domain.BoxOffice;

/// <summary>The stock of one category. Available is derived, so <c>sold + held + available == capacity</c> by construction.</summary>
public sealed record CategoryStock(TicketCategory Category, int Sold, int Held)
{
    public int Capacity => Category.Capacity;
    public int Available => Capacity - Sold - Held;

    public CategoryAvailability ToAvailability() => new(Category.Name, Capacity, Sold, Held, Available);
}
