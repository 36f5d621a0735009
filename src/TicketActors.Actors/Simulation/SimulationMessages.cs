using Akka.Event;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.Simulation;

/// <summary>Start the run; the sender gets <see cref="SimulationCompleted"/> or <see cref="SimulationFailed"/>.</summary>
public sealed record StartSimulation;

public sealed record SimulationCompleted(SimulationReport Report);

/// <summary>The run could not be carried out (the event could not be created, the box office did not answer).</summary>
public sealed record SimulationFailed(string Reason);

/// <summary>Ask for <see cref="SimulationProgress"/>; the console's progress bar polls it.</summary>
public sealed record GetSimulationProgress
{
    public static GetSimulationProgress Instance { get; } = new();
}

public sealed record SimulationProgress(int Users, int Started, int Finished, int TicketsReceived);

/// <summary>
/// What one user got in the end: an order, a rejection, or no reply at all after every attempt. In the hold-confirm
/// mode also whether its hold was placed (<paramref name="Held"/>) and whether it walked away from it
/// (<paramref name="Abandoned"/>; no order, no rejection: the box office expires the hold). Latency counts the time spent
/// waiting for the box office's replies, not the time a user thinks.
/// </summary>
public sealed record PurchaseOutcome(
    int UserId,
    string Category,
    int Quantity,
    Order? Order,
    RejectionReason? Rejection,
    long LatencyTicks,
    int Attempts,
    bool Held = false,
    bool Abandoned = false)
{
    public bool TimedOut => Order is null && Rejection is null && !Abandoned;
}

/// <summary>
/// A user of the hold-confirm mode placed its hold and goes off to think: it leaves the counter, so the coordinator
/// lets the next user in. Its outcome comes later, after the confirm.
/// </summary>
public sealed record UserThinking(int UserId);

/// <summary>The coordinator to a <see cref="UserGroupActor"/>: start these users, in this order.</summary>
public sealed record StartUsers(IReadOnlyList<UserToStart> Users);

/// <summary>One user to start: what it asks for, and in the hold-confirm mode whether it will confirm or walk away.</summary>
public sealed record UserToStart(int UserId, Purchase Purchase, HoldChoice? Hold);

/// <summary>
/// The clock of a <see cref="UserGroupActor"/>, sent to each of its users a few times per request timeout: a user whose
/// request has waited longer than the timeout retries it (or gives up after its last attempt). One timer per group
/// instead of one per user: a timer set and cancelled for each of a million users cost about 300 MB of garbage, the
/// scheduler's thread and a tenth of the run's time. A tick that reaches a user as it stops is no dead letter worth a
/// warning (<see cref="IDeadLetterSuppression"/>).
/// </summary>
public sealed record CheckWait : IDeadLetterSuppression
{
    public static CheckWait Instance { get; } = new();
}
