using Akka.Actor;

namespace TicketActors.Benchmarks.InMemory;

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

/// <summary>A buyer's report to the crowd: it is done, and what it saw.</summary>
public sealed record BuyerDone(int Buyer, BuyerLog Log);
