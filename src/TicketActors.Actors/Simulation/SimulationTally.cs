using System.Diagnostics;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// Collects every user's outcome and checks the run against the box office's final availability:
/// sold + held + available = capacity in every category, no ticket serial or code received twice,
/// every user got a reply, and the tickets sold during the run = the number of tickets the users received. Plain C#, owned by the coordinator.
/// </summary>
public sealed class SimulationTally(int users)
{
    private readonly long[] _latencyTicks = new long[users];
    private readonly HashSet<int> _serials = [];
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rejected = [];

    public int Finished { get; private set; }
    public int Orders { get; private set; }
    public int TicketsReceived { get; private set; }
    public int DuplicateTickets { get; private set; }
    public int TimedOut { get; private set; }
    public int Retries { get; private set; }
    public int Held { get; private set; }
    public int Confirmed { get; private set; }
    public int Expired { get; private set; }
    public int Abandoned { get; private set; }
    public bool IsComplete => Finished == users;

    public void Record(PurchaseOutcome outcome)
    {
        _latencyTicks[Finished++] = outcome.LatencyTicks;
        Retries += outcome.Attempts - (outcome.Held && !outcome.Abandoned ? 2 : 1);
        if (outcome.Held)
        {
            Held++;
            Confirmed += outcome.Order is null ? 0 : 1;
            Expired += outcome.Rejection == RejectionReason.HoldExpired ? 1 : 0;
            Abandoned += outcome.Abandoned ? 1 : 0;
        }
        if (outcome.Abandoned)
        {
            return;
        }
        if (outcome.Order is { } order)
        {
            Orders++;
            foreach (var ticket in order.Tickets)
            {
                TicketsReceived++;
                if (!_serials.Add(ticket.Serial) | !_codes.Add(ticket.Code))
                {
                    DuplicateTickets++;
                }
            }
        }
        else if (outcome.Rejection is { } reason)
        {
            var key = reason.ToString();
            _rejected[key] = _rejected.GetValueOrDefault(key) + 1;
        }
        else
        {
            TimedOut++;
        }
    }

    /// <param name="soldBefore">Tickets the event had sold before this run (a run may continue an event).</param>
    public SimulationReport Report(SimulationPlan plan, int soldBefore, Availability final, TimeSpan elapsed)
    {
        var violations = new List<string>();
        foreach (var category in final.Categories)
        {
            if (category.Sold + category.Held + category.Available != category.Capacity ||
                category.Sold < 0 || category.Held < 0 || category.Available < 0)
            {
                violations.Add($"category '{category.Category}': sold {category.Sold} + held {category.Held} + available {category.Available} is not capacity {category.Capacity}");
            }
        }
        if (DuplicateTickets > 0)
        {
            violations.Add($"{DuplicateTickets} ticket(s) were received twice (same serial or code)");
        }
        if (plan.User.HoldConfirm is not null && final.Held > 0)
        {
            violations.Add($"{final.Held} ticket(s) still held after every user finished and every hold's deadline passed");
        }
        if (TimedOut > 0)
        {
            violations.Add($"{TimedOut} user(s) got no reply after every attempt");
        }
        var sold = final.Sold - soldBefore;
        if (sold != TicketsReceived)
        {
            violations.Add($"the box office sold {sold} tickets in this run but the users received {TicketsReceived}");
        }

        Array.Sort(_latencyTicks, 0, Finished);
        return new SimulationReport(
            plan.Event.Id, plan.Seed, users, final.Capacity, sold, soldBefore, final.Held, final.Available, Orders, TicketsReceived,
            new SortedDictionary<string, int>(_rejected), TimedOut, Retries, DuplicateTickets,
            violations.Count == 0, violations, (long)elapsed.TotalMilliseconds,
            elapsed.TotalSeconds > 0 ? Math.Round(Finished / elapsed.TotalSeconds, 1) : 0,
            new LatencyPercentiles(Percentile(0.50), Percentile(0.95), Percentile(0.99), Percentile(1.0)),
            final.Categories,
            plan.User.HoldConfirm is null ? null : new HoldCounts(Held, Confirmed, Expired, Abandoned),
            Math.Min(plan.ActiveUsers, users));
    }

    /// <summary>Nearest-rank percentile of the sorted latencies, in milliseconds.</summary>
    private double Percentile(double p)
    {
        if (Finished == 0)
        {
            return 0;
        }
        var rank = Math.Clamp((int)Math.Ceiling(p * Finished) - 1, 0, Finished - 1);
        return Math.Round(_latencyTicks[rank] * 1000.0 / Stopwatch.Frequency, 3);
    }
}
