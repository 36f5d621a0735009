using System.Diagnostics;
using Akka.Actor;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Benchmarks.Durable;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The actor design: one actor per buyer (a <see cref="BuyerActor"/>, started by a <see cref="BuyerCrowd"/>) telling
/// its purchases to the box office. With the journal it is the real thing: the <see cref="BoxOfficeRegistry"/> and its
/// <see cref="TicketBoxOfficeActor"/> on the in-memory journal with the project's HOCON (group commit, snapshots every
/// <c>snapshot-every</c> events, a sale answered after its write). Without it, a <see cref="BoxOfficeWithoutJournal"/>:
/// the same state in a plain actor that answers at once, which shows what persistence costs.
/// </summary>
public sealed class ActorBoxOffice(bool journal) : ISaleDesign
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string Name => journal ? SaleDesigns.ActorJournal : SaleDesigns.ActorWithoutJournal;

    public async Task<SaleResult> RunAsync(SaleSetup setup)
    {
        var system = TicketActorsSystem.Create("in-memory", ActorPurchases.BenchConfig, StoreSettings.Memory);
        try
        {
            var boxOffice = journal
                ? system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name)
                : system.ActorOf(BoxOfficeWithoutJournal.Props(), "box-office-without-journal");
            var created = await boxOffice.Ask<IBoxOfficeReply>(new CreateEvent(setup.Event), Patience);
            if (created is not EventAccepted)
            {
                throw new InvalidOperationException($"the event was not created: {created}");
            }

            var done = new TaskCompletionSource<BuyerLog[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            system.ActorOf(BuyerCrowd.Props(setup, boxOffice, done), "buyers");
            var logs = await done.Task;
            var elapsed = Stopwatch.GetElapsedTime(started);

            var final = await boxOffice.Ask<Availability>(new GetAvailability(SaleSetup.EventId), Patience);
            return SaleResult.From(Name, setup, logs, final, elapsed);
        }
        finally
        {
            await system.Terminate().WaitAsync(Patience);
        }
    }
}

/// <summary>The box office state in a plain actor, without a journal: decide, apply, reply at once.</summary>
public sealed class BoxOfficeWithoutJournal : UntypedActor
{
    private readonly BoxOfficeState _state = new();
    private readonly Domain.Tickets.CryptoTicketCodes _codes = new();

    public static Props Props() => Akka.Actor.Props.Create(() => new BoxOfficeWithoutJournal());

    protected override void OnReceive(object message)
    {
        if (message is not IBoxOfficeCommand command)
        {
            Unhandled(message);
            return;
        }
        var decision = _state.Decide(command, new DecisionContext(DateTimeOffset.UtcNow, _codes));
        foreach (var @event in decision.Events)
        {
            _state.Apply(@event);
        }
        Sender.Tell(decision.Reply);
    }
}

/// <summary>Starts the buyers, a thousand per message (so their reports are taken in between), and collects their logs.</summary>
public sealed class BuyerCrowd : UntypedActor
{
    private const int BuyersPerBatch = 1_000;
    private readonly SaleSetup _setup;
    private readonly int _buyers;
    private readonly IActorRef _boxOffice;
    private readonly TaskCompletionSource<BuyerLog[]> _done;
    private readonly BuyerLog[] _logs;
    private int _started;
    private int _finished;

    public BuyerCrowd(SaleSetup setup, IActorRef boxOffice, TaskCompletionSource<BuyerLog[]> done)
    {
        _setup = setup;
        _buyers = setup.Buyers;
        _boxOffice = boxOffice;
        _done = done;
        _logs = new BuyerLog[setup.Buyers];
    }

    public static Props Props(SaleSetup setup, IActorRef boxOffice, TaskCompletionSource<BuyerLog[]> done) =>
        Akka.Actor.Props.Create(() => new BuyerCrowd(setup, boxOffice, done));

    protected override void PreStart() => StartMore();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartMoreBuyers:
                StartMore();
                break;
            case BuyerDone done:
                _logs[done.Buyer] = done.Log;
                if (++_finished == _buyers)
                {
                    _done.TrySetResult(_logs);
                    Context.Stop(Self);
                }
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void StartMore()
    {
        var end = Math.Min(_started + BuyersPerBatch, _buyers);
        for (; _started < end; _started++)
        {
            Context.ActorOf(BuyerActor.Props(_started, _setup.Tickets, _boxOffice, Self));
        }
        if (_started < _buyers)
        {
            Self.Tell(StartMoreBuyers.Instance);
        }
    }

    private sealed class StartMoreBuyers
    {
        public static StartMoreBuyers Instance { get; } = new();
    }
}

public sealed record BuyerDone(int Buyer, BuyerLog Log);

/// <summary>One buyer: tells a purchase of one ticket, waits for the reply, tells the next, until sold out.</summary>
public sealed class BuyerActor : UntypedActor
{
    private readonly int _buyer;
    private readonly IActorRef _boxOffice;
    private readonly IActorRef _crowd;
    private readonly BuyerLog _log;
    private int _number;
    private long _sentAt;

    private BuyerActor(int buyer, int limit, IActorRef boxOffice, IActorRef crowd)
    {
        _buyer = buyer;
        _log = new BuyerLog(limit);
        _boxOffice = boxOffice;
        _crowd = crowd;
    }

    public static Props Props(int buyer, int limit, IActorRef boxOffice, IActorRef crowd) =>
        Akka.Actor.Props.CreateBy(new Producer(buyer, limit, boxOffice, crowd));

    protected override void PreStart() => Send();

    protected override void OnReceive(object message)
    {
        if (message is not IBoxOfficeReply reply)
        {
            Unhandled(message);
            return;
        }
        if (_log.Record(reply, _sentAt))
        {
            _crowd.Tell(new BuyerDone(_buyer, _log));
            Context.Stop(Self);
            return;
        }
        Send();
    }

    private void Send()
    {
        var purchase = SaleSetup.PurchaseOf(_buyer, _number++);
        _sentAt = Stopwatch.GetTimestamp();
        _boxOffice.Tell(purchase);
    }

    private sealed class Producer(int buyer, int limit, IActorRef boxOffice, IActorRef crowd) : IIndirectActorProducer
    {
        public Type ActorType => typeof(BuyerActor);

        public ActorBase Produce() => new BuyerActor(buyer, limit, boxOffice, crowd);

        public void Release(ActorBase actor)
        {
        }
    }
}
