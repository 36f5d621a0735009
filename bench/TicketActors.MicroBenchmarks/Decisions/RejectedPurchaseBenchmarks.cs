using BenchmarkDotNet.Attributes;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using TicketActors.MicroBenchmarks.Support;

namespace TicketActors.MicroBenchmarks.Decisions;

/// <summary>
/// What a refused purchase costs: in a flash sale most buyers are refused (900,000 of a million in the README's run),
/// and a rejection is answered at once, without the journal. Rejections change nothing, so one state serves every call.
/// </summary>
[MemoryDiagnoser]
public class RejectedPurchaseBenchmarks
{
    private BoxOfficeState _soldOutEvent = null!;
    private BoxOfficeState _openEvent = null!;
    private DecisionContext _context = null!;
    private Purchase _lateBuyer = null!;
    private Purchase _zeroTickets = null!;

    [GlobalSetup]
    public void SellOutOneEventAndOpenAnother()
    {
        _context = new DecisionContext(FlashSale.Now, new CryptoTicketCodes());
        // 100 tickets sold one by one to 100 buyers: sold out.
        _soldOutEvent = FlashSale.Created(FlashSale.Event("flash-sale-sold-out", 100), _context);
        for (var buyer = 1; buyer <= 100; buyer++)
        {
            FlashSale.DecideAndApply(_soldOutEvent, FlashSale.OneTicket("flash-sale-sold-out", buyer), _context, typeof(Purchased));
        }
        _lateBuyer = FlashSale.OneTicket("flash-sale-sold-out", 101);
        _openEvent = FlashSale.Created(FlashSale.Event("flash-sale-open", 1_000_000), _context);
        _zeroTickets = FlashSale.OneTicket("flash-sale-open", 1) with { Quantity = 0 };
        Expect(_soldOutEvent, _lateBuyer, RejectionReason.SoldOut);
        Expect(_openEvent, _zeroTickets, RejectionReason.InvalidQuantity);
    }

    /// <summary>The common refusal of a flash sale: the buyer came after the last ticket.</summary>
    [Benchmark(Baseline = true)]
    public Decision Reject_sold_out() => DecideAndApply(_soldOutEvent, _lateBuyer);

    /// <summary>The cheapest refusal: the quantity is checked before anything is looked up.</summary>
    [Benchmark]
    public Decision Reject_invalid_quantity() => DecideAndApply(_openEvent, _zeroTickets);

    private Decision DecideAndApply(BoxOfficeState state, Purchase purchase)
    {
        // Apply is a no-op loop here (a rejection stores nothing), kept so the code path is the box office's.
        var decision = state.Decide(purchase, _context);
        foreach (var @event in decision.Events)
        {
            state.Apply(@event);
        }
        return decision;
    }

    private void Expect(BoxOfficeState state, Purchase purchase, RejectionReason reason)
    {
        if (state.Decide(purchase, _context).Reply is not Rejected rejected || rejected.Reason != reason)
        {
            throw new InvalidOperationException($"{purchase} was not refused with {reason}");
        }
    }
}
