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
    UserSettings User)
{
    /// <summary>
    /// The default of <see cref="ActiveUsers"/>: enough to keep the box office busy (it answers in microseconds), few
    /// enough that a million users never live at once; 500 and 2,000 ran as fast (README, Figures).
    /// </summary>
    public const int DefaultActiveUsers = 1_000;

    /// <summary>
    /// Users at the counter at once: started and waiting for the box office's first answer. The others wait their
    /// turn, as in a flash sale's waiting room; a user leaves the counter when it is answered (or, in the hold-confirm
    /// mode, once its hold is placed and it goes off to think).
    /// </summary>
    public int ActiveUsers { get; init; } = DefaultActiveUsers;
}

/// <summary>
/// How a simulated buyer behaves: how long it waits for a reply, how often it tries, whether it narrates, and
/// whether it holds, thinks and then confirms or walks away (<see cref="HoldConfirm"/>) instead of buying at once.
/// </summary>
public sealed record UserSettings(TimeSpan RequestTimeout, int MaxAttempts, bool Narrate)
{
    public static UserSettings Default { get; } = new(TimeSpan.FromSeconds(10), 3, false);

    /// <summary>Null: users buy at once. Set: every user holds first (the <c>--hold-confirm</c> mode).</summary>
    public HoldConfirmSettings? HoldConfirm { get; init; }
}

/// <summary>
/// The hold-confirm mode: each user holds its tickets for <paramref name="Ttl"/>, thinks for a time drawn between
/// <paramref name="ThinkMin"/> and <paramref name="ThinkMax"/>, then confirms; a share of <paramref name="AbandonRate"/>
/// (0-1) walks away instead and leaves its hold to expire. Users who think longer than the ttl find their hold
/// expired: the box office releases holds itself, so expiry happens under load.
/// </summary>
public sealed record HoldConfirmSettings(TimeSpan Ttl, TimeSpan ThinkMin, TimeSpan ThinkMax, double AbandonRate);

/// <summary>What one user of the hold-confirm mode will do once its hold is placed: think this long, or walk away.</summary>
public readonly record struct HoldChoice(TimeSpan Think, bool Abandon);
