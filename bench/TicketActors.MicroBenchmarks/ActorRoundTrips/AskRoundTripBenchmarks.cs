using Akka.Actor;
using BenchmarkDotNet.Attributes;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.MicroBenchmarks.Support;

namespace TicketActors.MicroBenchmarks.ActorRoundTrips;

/// <summary>
/// One buyer, one request in flight: the latency of an <c>Ask</c> to a ticket window that only answers, next to a
/// one-ticket <see cref="Purchase"/> through the <see cref="BoxOfficeRegistry"/> to a <see cref="TicketBoxOfficeActor"/>
/// on the in-memory journal, whose reply waits for the journal write. The difference is what deciding, routing and
/// storing one sale add to the messaging.
/// </summary>
[MemoryDiagnoser]
// Fixed: the pilot stage, timing a few awaited Asks on a busy machine, chose iterations of 4 ms (BenchmarkDotNet warns
// below 100 ms); 20,000 round trips make iterations of about 0.2-0.6 s.
[InvocationCount(RoundTripsPerIteration)]
public class AskRoundTripBenchmarks
{
    public const int RoundTripsPerIteration = 20_000;

    private const string EventId = "flash-sale-ask";
    // Finite, as every Ask in the project; never reached in a healthy run (a timeout fails the benchmark).
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private ActorSystem _system = null!;
    private IActorRef _window = ActorRefs.Nobody;
    private IActorRef _registry = ActorRefs.Nobody;
    private int _buyer;

    [GlobalSetup]
    public void OpenTheBoxOffice()
    {
        // Snapshots off (the default saves one every 100,000 events, a copy of the whole state): they are a periodic
        // cost of a big event, not of one round trip, and would show up as a few very slow operations.
        _system = MicroActorSystem.Create("micro-ask", "ticketactors.box-office.snapshot-every = 100000000");
        _window = _system.ActorOf(TicketWindowActor.Props(), "ticket-window");
        var settings = BoxOfficeSettings.FromConfig(_system.Settings.Config);
        _registry = _system.ActorOf(BoxOfficeRegistry.Props(settings), BoxOfficeRegistry.Name);
        // The most an event may sell, so no run sells out; one ticket per buyer, a new buyer per purchase.
        var created = _registry.Ask<IBoxOfficeReply>(new CreateEvent(FlashSale.Event(EventId, EventDefinition.MaxCapacity)), AskTimeout)
            .GetAwaiter().GetResult();
        if (created is not EventAccepted)
        {
            throw new InvalidOperationException($"the event was not created: {created}");
        }
        _ = Knock_on_the_ticket_window().GetAwaiter().GetResult();
        _ = Purchase_one_ticket_through_the_registry().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void CloseTheBoxOffice() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>Akka's Ask alone: a temporary reply actor, two mailbox hops, the task completed by the answer.</summary>
    [Benchmark(Baseline = true)]
    public Task<WindowOpen> Knock_on_the_ticket_window() => _window.Ask<WindowOpen>(Knock.Instance, AskTimeout);

    /// <summary>A sale as a buyer sees it: routed by event id, decided, written to the journal, then answered.</summary>
    [Benchmark]
    public async Task<IBoxOfficeReply> Purchase_one_ticket_through_the_registry()
    {
        // The request and buyer ids are made here (about 150 bytes with the Purchase): every real purchase carries new ones.
        var buyer = ++_buyer;
        var reply = await _registry.Ask<IBoxOfficeReply>(
            new Purchase(EventId, $"req-{buyer}", $"buyer-{buyer}", FlashSale.Category, 1), AskTimeout);
        return reply is Purchased ? reply : throw new InvalidOperationException($"purchase {buyer} was not sold: {reply}");
    }
}
