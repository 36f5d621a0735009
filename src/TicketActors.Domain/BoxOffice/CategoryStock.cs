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

    /// <summary>
    /// The refusal's message once nothing is left, made with the stock (a sale's <c>with</c> copies it): in a flash sale
    /// most requests get it, and formatting it per refusal built a string for each (900,000 in a million-user run).
    /// </summary>
    public string SoldOutMessage { get; } = $"'{Category.Name}' is sold out";

    public CategoryAvailability ToAvailability() => new(Category.Name, Capacity, Sold, Held, Available, CheckedIn);
}
