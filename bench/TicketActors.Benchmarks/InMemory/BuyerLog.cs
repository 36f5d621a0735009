using System.Diagnostics;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// What one buyer saw, kept by that buyer alone (a task's local or an actor's field) and handed over when it is done:
/// the latency of every request (send to reply, in stopwatch ticks), the tickets it received, and a reply it did not
/// expect, if any.
/// </summary>
public sealed class BuyerLog(int limit)
{
    private List<long>? _latencies;
    private List<Ticket>? _tickets;

    public IReadOnlyList<long> Latencies => (IReadOnlyList<long>?)_latencies ?? [];

    public IReadOnlyList<Ticket> Tickets => (IReadOnlyList<Ticket>?)_tickets ?? [];

    public string? Unexpected { get; private set; }

    /// <summary>Records a reply to a request sent at <paramref name="sentAt"/>; true when the buyer is done (sold out, or a reply it did not expect).</summary>
    public bool Record(IBoxOfficeReply reply, long sentAt)
    {
        (_latencies ??= new List<long>(2)).Add(Stopwatch.GetTimestamp() - sentAt);
        switch (reply)
        {
            case Purchased purchased:
                _tickets ??= new List<Ticket>(1);
                foreach (var ticket in purchased.Order.Tickets)
                {
                    _tickets.Add(ticket);
                }
                return false;
            case Rejected { Reason: RejectionReason.SoldOut }:
                return true;
            case Rejected { Reason: RejectionReason.LimitExceeded } when _tickets?.Count == limit:
                // A lone buyer may own the whole event: it stops at its limit (the capacity), not at SoldOut.
                return true;
            default:
                Unexpected = reply.ToString();
                return true;
        }
    }
}
