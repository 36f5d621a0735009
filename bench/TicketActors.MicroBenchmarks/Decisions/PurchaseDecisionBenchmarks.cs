using BenchmarkDotNet.Attributes;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;
using TicketActors.MicroBenchmarks.Support;

namespace TicketActors.MicroBenchmarks.Decisions;

/// <summary>
/// What the box office actor spends on one accepted sale outside Akka: <c>Decide</c> a one-ticket purchase, then
/// <c>Apply</c> its <c>TicketsIssued</c>. Every iteration starts from a freshly created event of 10,000,000 tickets and
/// sells <see cref="SalesPerIteration"/> of them, each to a new buyer with a new request id, so every purchase sells
/// and the state grows as a hot event's does during its first sales.
/// </summary>
[MemoryDiagnoser]
// IterationSetup would otherwise force one invocation per iteration; a fixed count keeps a 2 µs operation measurable.
[InvocationCount(SalesPerIteration, 16)]
public class PurchaseDecisionBenchmarks
{
    public const int SalesPerIteration = 100_000;
    private const string EventId = "flash-sale-decide";

    private Purchase[] _purchases = [];
    private PrecomputedTicketCodes _precomputed = null!;
    private BoxOfficeState _state = null!;
    private DecisionContext _context = null!;
    private int _next;

    [GlobalSetup]
    public void CreateBuyersAndCodes()
    {
        // The commands and the precomputed codes are made once, outside the measurement.
        _purchases = [.. Enumerable.Range(1, SalesPerIteration).Select(buyer => FlashSale.OneTicket(EventId, buyer))];
        _precomputed = new PrecomputedTicketCodes(FlashSale.RealCodes(SalesPerIteration));
    }

    [IterationSetup(Target = nameof(Sell_one_ticket_precomputed_codes))]
    public void OpenSaleWithPrecomputedCodes()
    {
        _precomputed.Rewind();
        OpenSale(_precomputed);
    }

    [IterationSetup(Target = nameof(Sell_one_ticket_crypto_codes))]
    public void OpenSaleWithCryptoCodes() => OpenSale(new CryptoTicketCodes());

    /// <summary>The domain alone: the codes were drawn before the measurement.</summary>
    [Benchmark(Baseline = true)]
    public Decision Sell_one_ticket_precomputed_codes() => Sell();

    /// <summary>As the box office runs it: each ticket gets a code from the OS's cryptographic RNG (drawn in blocks of 256).</summary>
    [Benchmark]
    public Decision Sell_one_ticket_crypto_codes() => Sell();

    private void OpenSale(ITicketCodeGenerator codes)
    {
        // A fresh event per iteration, so every iteration measures the same first sales and none can sell out.
        var context = new DecisionContext(FlashSale.Now, codes);
        _state = FlashSale.Created(FlashSale.Event(EventId, EventDefinition.MaxCapacity), context);
        _context = context;
        _next = 0;
    }

    private Decision Sell()
    {
        var decision = _state.Decide(_purchases[_next++], _context);
        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
        }
        return decision;
    }
}
