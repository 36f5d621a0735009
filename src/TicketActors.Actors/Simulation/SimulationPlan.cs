using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// One console run: <paramref name="Users"/> buyers against one event. Each user picks a category (weighted by
/// capacity) and a quantity from <paramref name="Quantity"/>, drawn from <paramref name="Seed"/> so a run repeats.
/// </summary>
public sealed record SimulationPlan(
    EventDefinition Event,
    int Users,
    QuantityRange Quantity,
    int Seed,
    string RunId,
    UserSettings User);

/// <summary>How a simulated buyer behaves: how long it waits for a reply, how often it tries, whether it narrates.</summary>
public sealed record UserSettings(TimeSpan RequestTimeout, int MaxAttempts, bool Narrate)
{
    public static UserSettings Default { get; } = new(TimeSpan.FromSeconds(10), 3, false);
}
