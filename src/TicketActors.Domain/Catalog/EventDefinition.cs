using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace TicketActors.Domain.Catalog;

/// <summary>
/// What an organiser sets up: the event, the ticket categories it sells, and when it sells them.
/// <paramref name="SalesOpenAt"/> null means on sale from creation; <paramref name="SalesCloseAt"/> null means no planned close
/// (sales can still be closed early with <c>CloseSales</c>). The window is half open: on sale from the open instant up to,
/// not including, the close instant.
/// </summary>
public sealed partial record EventDefinition(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    ImmutableArray<TicketCategory> Categories,
    DateTimeOffset? SalesOpenAt = null,
    DateTimeOffset? SalesCloseAt = null)
{
    /// <summary>The most tickets one event (all categories together) may sell.</summary>
    public const int MaxCapacity = 10_000_000;
    public const int MaxNameLength = 200;

    /// <summary>Event ids and category names become actor names, URLs and journal keys: keep them plain.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public TicketCategory? Category(string name)
    {
        foreach (var category in Categories)
        {
            if (category.Name == name)
            {
                return category;
            }
        }
        return null;
    }

    public int TotalCapacity => Categories.Sum(c => c.Capacity);

    /// <summary>Every reason this definition cannot be sold; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsValidId(Id))
        {
            problems.Add("event id must be 1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
        {
            problems.Add($"event name must be 1-{MaxNameLength} characters");
        }
        if (SalesOpenAt is { } opens && SalesCloseAt is { } closes && closes <= opens)
        {
            problems.Add($"sales must close after they open, not at {closes:O} for an opening at {opens:O}");
        }
        if (Categories.IsDefaultOrEmpty)
        {
            problems.Add("an event needs at least one ticket category");
            return problems;
        }
        if (Categories.Any(c => c is null))
        {
            problems.Add("a ticket category is missing (null)");
            return problems;
        }
        if (Categories.Sum(c => (long)c.Capacity) > MaxCapacity)
        {
            problems.Add($"the capacities of all categories add up to more than {MaxCapacity}");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in Categories)
        {
            if (!IsValidId(category.Name))
            {
                problems.Add($"category name '{category.Name}' must be 1-64 characters: letters, digits, '.', '_' or '-'");
            }
            else if (!seen.Add(category.Name))
            {
                problems.Add($"category '{category.Name}' is defined twice");
            }
            if (category.Capacity is < 1 or > MaxCapacity)
            {
                problems.Add($"category '{category.Name}': capacity must be 1-{MaxCapacity}, not {category.Capacity}");
            }
            if (category.Limit < 1 || category.Limit > Math.Max(category.Capacity, 1))
            {
                problems.Add($"category '{category.Name}': the per-buyer limit must be 1-{Math.Max(category.Capacity, 1)} (its capacity), not {category.Limit}");
            }
            if (category.Price is null || category.Price.MinorUnits < 0 || !Money.IsCurrencyCode(category.Price.Currency))
            {
                problems.Add($"category '{category.Name}': the price must be zero or more minor units of a three-letter ISO currency code");
            }
        }
        return problems;
    }

    /// <summary>Value equality over the categories too (records compare arrays by reference); instants compare as instants.</summary>
    public bool SameAs(EventDefinition other) =>
        Id == other.Id && Name == other.Name && StartsAt == other.StartsAt &&
        SalesOpenAt == other.SalesOpenAt && SalesCloseAt == other.SalesCloseAt &&
        !other.Categories.IsDefault && Categories.SequenceEqual(other.Categories);

    /// <summary>What <paramref name="other"/> changes compared with this definition, in words; empty when <see cref="SameAs"/>.</summary>
    public IReadOnlyList<string> DifferencesFrom(EventDefinition other)
    {
        var differences = new List<string>();
        if (Name != other.Name)
        {
            differences.Add($"name '{Name}', not '{other.Name}'");
        }
        if (StartsAt != other.StartsAt)
        {
            differences.Add($"starts at {StartsAt:O}, not {other.StartsAt:O}");
        }
        if (SalesOpenAt != other.SalesOpenAt || SalesCloseAt != other.SalesCloseAt)
        {
            differences.Add("another sales window");
        }
        var theirs = other.Categories.IsDefault ? [] : other.Categories;
        foreach (var category in Categories)
        {
            var their = theirs.FirstOrDefault(c => c?.Name == category.Name);
            if (their is null)
            {
                differences.Add($"category '{category.Name}' is missing");
            }
            else if (their != category)
            {
                differences.Add($"category '{category.Name}' has capacity {category.Capacity}, limit {category.Limit}, price {category.Price.MinorUnits} {category.Price.Currency}; " +
                    $"asked for capacity {their.Capacity}, limit {their.Limit}, price {their.Price?.MinorUnits} {their.Price?.Currency}");
            }
        }
        foreach (var extra in theirs.Where(c => c is not null && Category(c.Name) is null))
        {
            differences.Add($"category '{extra.Name}' is new");
        }
        if (differences.Count == 0 && !SameAs(other))
        {
            differences.Add("the categories are in another order");
        }
        return differences;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
