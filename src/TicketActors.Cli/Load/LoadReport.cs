namespace TicketActors.Cli.Load;

/// <summary>Latency of the requests, from the first send to the final answer, retries included.</summary>
public sealed record LoadLatency(double P50, double P95, double P99, double Max)
{
    public static LoadLatency Of(List<double> latenciesMs)
    {
        if (latenciesMs.Count == 0)
        {
            return new LoadLatency(0, 0, 0, 0);
        }
        latenciesMs.Sort();
        double At(double p) => latenciesMs[Math.Clamp((int)Math.Ceiling(p * latenciesMs.Count) - 1, 0, latenciesMs.Count - 1)];
        return new LoadLatency(Round(At(0.50)), Round(At(0.95)), Round(At(0.99)), Round(latenciesMs[^1]));
    }

    private static double Round(double ms) => Math.Round(ms, 3);
}

/// <summary>
/// What a load run did and what the check against the service found. Every request was of <see cref="Category"/>, so
/// <see cref="Capacity"/>, <see cref="Held"/> and <see cref="Available"/> are that category's, and <see cref="SoldBefore"/>
/// and <see cref="SoldAfter"/> its sold count read from the service at the start and at the end
/// (<see cref="SoldAfter"/>, <see cref="Held"/> and <see cref="Available"/> are -1 when the end could not be read);
/// <see cref="Rejected"/> counts the answers that were not a purchase by problem code (or status);
/// <see cref="Unresolved"/> the requests without a definite answer after every attempt.
/// </summary>
public sealed record LoadReport(
    string Url,
    string EventId,
    string Category,
    string Mode,
    string RunId,
    int Seed,
    int Buyers,
    int Requests,
    int Concurrency,
    int Capacity,
    int SoldBefore,
    int SoldAfter,
    int Held,
    int Available,
    int Purchases,
    long TicketsPurchased,
    IReadOnlyDictionary<string, int> Rejected,
    int Unresolved,
    long Retries,
    int DuplicateTickets,
    int OrdersChecked,
    bool Correct,
    IReadOnlyList<string> Violations,
    long ElapsedMs,
    double RequestsPerSecond,
    double PurchasesPerSecond,
    LoadLatency LatencyMs,
    LoadHolds? Holds = null)
{
    public const string PurchaseMode = "purchase";
    public const string HoldConfirmMode = "hold-confirm";
    public const string CheckOnlyMode = "check-only";
}

/// <summary>
/// In the hold-confirm mode: the ttl each hold asked for, the holds granted, those confirmed into orders, and those
/// released because their confirm was refused (an expired hold, say), so that nothing stays held.
/// </summary>
public sealed record LoadHolds(int TtlSeconds, int Placed, int Confirmed, int Released);

/// <summary>One acknowledged (2xx) order, as <c>--orders</c> keeps it: how to send it again and what came back.</summary>
public sealed record AcknowledgedOrder(string Key, PurchaseBody Request, string? HoldId, OrderReceived Order);
