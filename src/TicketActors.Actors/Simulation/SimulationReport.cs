using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// The result of a console run, as printed in the summary table and written by <c>--report-json</c>.
/// <see cref="Sold"/> counts this run's sales; <see cref="SoldBefore"/> what earlier runs on the same event sold;
/// <see cref="ActiveUsers"/> is how many users were let to the counter at once at most (the option, or all the users
/// when there are fewer).
/// </summary>
public sealed record SimulationReport(
    string EventId,
    int Seed,
    int Users,
    int Capacity,
    int Sold,
    int SoldBefore,
    int Held,
    int Available,
    int Orders,
    int TicketsReceived,
    IReadOnlyDictionary<string, int> Rejected,
    int TimedOut,
    int Retries,
    int DuplicateTickets,
    bool InvariantsHold,
    IReadOnlyList<string> Violations,
    long ElapsedMs,
    double PurchasesPerSecond,
    LatencyPercentiles LatencyMs,
    IReadOnlyList<CategoryAvailability> Categories,
    HoldCounts? Holds = null,
    int ActiveUsers = SimulationPlan.DefaultActiveUsers);

/// <summary>
/// The hold-confirm mode: holds placed, confirmed into tickets, expired before the confirm came (the user thought longer
/// than the ttl), and abandoned (the user walked away; the box office expired the hold).
/// </summary>
public sealed record HoldCounts(int Held, int Confirmed, int Expired, int Abandoned);

/// <summary>Reply latency as the users measured it, from their first send to the reply, in milliseconds.</summary>
public sealed record LatencyPercentiles(double P50, double P95, double P99, double Max);
