using System.Diagnostics;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// What one buyer saw, kept by that buyer alone (a task's local or an actor's field) and handed over when it is done:
/// the latency of every request (send to reply, in stopwatch ticks) and of the sales among them, the tickets it
/// received, and a reply it did not expect, if any (a refusal other than sold out, or an order that is not the one it
/// asked for: another buyer's, another request's, another quantity).
/// </summary>
public sealed class BuyerLog(int limit)
{
    private List<long>? _latencies;
    private List<long>? _saleLatencies;
    private List<Ticket>? _tickets;

    /// <summary>Every reply: the sales and the last refusal.</summary>
    public IReadOnlyList<long> Latencies => (IReadOnlyList<long>?)_latencies ?? [];

    /// <summary>The sales alone.</summary>
    public IReadOnlyList<long> SaleLatencies => (IReadOnlyList<long>?)_saleLatencies ?? [];

    public IReadOnlyList<Ticket> Tickets => (IReadOnlyList<Ticket>?)_tickets ?? [];

    public string? Unexpected { get; private set; }

    /// <summary>Records the reply to <paramref name="request"/>, sent at <paramref name="sentAt"/>; true when the buyer is done (sold out, or a reply it did not expect).</summary>
    public bool Record(Purchase request, IBoxOfficeReply reply, long sentAt)
    {
        var latency = Stopwatch.GetTimestamp() - sentAt;
        (_latencies ??= new List<long>(2)).Add(latency);
        switch (reply)
        {
            case Purchased { Order: var order } when order.RequestId == request.RequestId && order.BuyerId == request.BuyerId &&
                                                      order.Quantity == request.Quantity && order.Tickets.Length == request.Quantity:
                (_saleLatencies ??= new List<long>(1)).Add(latency);
                _tickets ??= new List<Ticket>(1);
                foreach (var ticket in order.Tickets)
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
