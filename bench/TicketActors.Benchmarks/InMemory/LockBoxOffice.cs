using System.Diagnostics;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The baseline of the original demo: one task per buyer and a lock around the shared inventory. The inventory is the
/// same pure <see cref="BoxOfficeState"/> the actor wraps, so the designs differ only in how they take turns: here
/// every buyer decides and applies its own purchase inside <c>lock</c> (a <see cref="Monitor"/>), on its own task.
/// Between two purchases a buyer yields its thread (<see cref="Task.Yield"/>), as a buyer waiting for its reply over a
/// network would, so all the buyers are in the race at once instead of one running to the end.
/// </summary>
public sealed class LockBoxOffice : ISaleDesign
{
    private readonly object _gate = new();
    private readonly Inventory _inventory = new();

    public string Name => SaleDesigns.Lock;

    public async Task<SaleResult> RunAsync(SaleSetup setup)
    {
        Decide(new CreateEvent(setup.Event));
        var (logs, elapsed) = await TaskBuyers.RunAsync(setup.Buyers, buyer => BuyAsync(buyer, setup.Tickets));
        var final = (Availability)Decide(new GetAvailability(SaleSetup.EventId));
        return SaleResult.From(Name, setup, logs, final, elapsed);
    }

    private async Task<BuyerLog> BuyAsync(int buyer, int limit)
    {
        var log = new BuyerLog(limit);
        for (var number = 0; ; number++)
        {
            var purchase = SaleSetup.PurchaseOf(buyer, number);
            var sentAt = Stopwatch.GetTimestamp();
            if (log.Record(purchase, Decide(purchase), sentAt))
            {
                return log;
            }
            await Task.Yield();
        }
    }

    private IBoxOfficeReply Decide(IBoxOfficeCommand command)
    {
        lock (_gate)
        {
            return _inventory.Serve(command);
        }
    }
}
