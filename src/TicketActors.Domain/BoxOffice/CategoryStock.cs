using TicketActors.Domain.Catalog;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// The stock of one category. Available is derived, so <c>sold + held + available == capacity</c> by construction.
/// <see cref="Category"/> carries the current capacity: the defined one, or the one a <c>ChangeCapacity</c> set.
/// </summary>
public sealed record CategoryStock(TicketCategory Category, int Sold, int Held, int CheckedIn = 0)
{
    public int Capacity => Category.Capacity;
    public int Available => Capacity - Sold - Held;

    public CategoryAvailability ToAvailability() => new(Category.Name, Capacity, Sold, Held, Available, CheckedIn);
}
