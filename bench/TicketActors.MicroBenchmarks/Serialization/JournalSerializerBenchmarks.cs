using Akka.Actor;
using BenchmarkDotNet.Attributes;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Serialization;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;
using TicketActors.MicroBenchmarks.Support;

namespace TicketActors.MicroBenchmarks.Serialization;

/// <summary>
/// What storing and recovering a sale costs in <see cref="BoxOfficeSerializer"/> (JSON under stable manifests): one
/// <c>TicketsIssued</c> (a write of a quiet box office, one event per entry) and one <see cref="EventBatch"/> of 100
/// sales (a group commit's entry under load). The events come from real decisions, with real ticket codes.
/// </summary>
[MemoryDiagnoser]
public class JournalSerializerBenchmarks
{
    public const int SalesPerBatch = 100;
    private const string EventId = "flash-sale-serializer";

    private ActorSystem _system = null!;
    private BoxOfficeSerializer _serializer = null!;
    private TicketsIssued _sale = null!;
    private EventBatch _batch = null!;
    private byte[] _saleBytes = [];
    private byte[] _batchBytes = [];

    [GlobalSetup]
    public void SellOneHundredTickets()
    {
        _system = MicroActorSystem.Create("micro-serializer");
        // As the project's specs get it: constructed on the actor system; the binding check below makes sure it is the
        // serializer the journal really uses for these types.
        _serializer = new BoxOfficeSerializer((ExtendedActorSystem)_system);
        var context = new DecisionContext(FlashSale.Now, new CryptoTicketCodes());
        var state = FlashSale.Created(FlashSale.Event(EventId, 1_000_000), context);
        var sales = Enumerable.Range(1, SalesPerBatch)
            .Select(buyer => (TicketsIssued)FlashSale.DecideAndApply(state, FlashSale.OneTicket(EventId, buyer), context, typeof(Purchased)).Events.Single())
            .ToList();
        _sale = sales[0];
        _batch = (EventBatch)EventBatch.Store(sales);
        if (_system.Serialization.FindSerializerFor(_batch) is not BoxOfficeSerializer || _system.Serialization.FindSerializerFor(_sale) is not BoxOfficeSerializer)
        {
            throw new InvalidOperationException("the box office events are not bound to BoxOfficeSerializer");
        }
        _saleBytes = _serializer.ToBinary(_sale);
        _batchBytes = _serializer.ToBinary(_batch);
        // Printed into BenchmarkDotNet's log: what the journal stores per entry.
        Console.WriteLine($"// stored sizes: one sale {_saleBytes.Length} bytes, a batch of {SalesPerBatch} sales {_batchBytes.Length} bytes");
        var back = (EventBatch)_serializer.FromBinary(_batchBytes, BoxOfficeSerializer.EventBatchManifest);
        if (back.Events.Count != SalesPerBatch || ((TicketsIssued)back.Events[^1]).Tickets[0] != sales[^1].Tickets[0])
        {
            throw new InvalidOperationException("the batch did not round-trip");
        }
    }

    [GlobalCleanup]
    public void Terminate() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>Bytes of one sale as the journal stores it: 188 bytes of JSON with the ids used here.</summary>
    [Benchmark]
    public byte[] Write_one_sale() => _serializer.ToBinary(_sale);

    /// <summary>One sale read back during recovery.</summary>
    [Benchmark]
    public object Read_one_sale() => _serializer.FromBinary(_saleBytes, BoxOfficeSerializer.TicketsIssuedManifest);

    /// <summary>A group commit of 100 sales as one entry: every event in its own stored form inside one JSON array.</summary>
    [Benchmark]
    public byte[] Write_batch_of_100_sales() => _serializer.ToBinary(_batch);

    /// <summary>The same entry read back during recovery.</summary>
    [Benchmark]
    public object Read_batch_of_100_sales() => _serializer.FromBinary(_batchBytes, BoxOfficeSerializer.EventBatchManifest);
}
