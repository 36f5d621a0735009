using Akka.Actor;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// Starts the buyers and collects their logs. The buyers are spread over <see cref="Groups"/> parents (<see
/// cref="BuyerGroup"/>): Akka keeps a parent's children in an immutable tree copied along its path at every child's
/// start and stop, and under one parent of up to a million live buyers that copying was a large part of the run (the
/// simulation's user groups exist for the same reason). The crowd hands out about a thousand buyers at a time, a slice
/// of 16 to each group, and the next thousand once every group has started its slice: the buyers start as fast as both
/// cores can create them, and the reports of finished buyers are taken in between, instead of the crowd queueing start
/// orders for a million buyers at once and the groups creating buyers far faster than the box office serves them
/// (without the journal that ran a million buyers in 8.3-11.9 s at 0.8-1.5 GB, against 4.4-5.9 s at about 430 MB).
/// </summary>
public sealed class BuyerCrowd : UntypedActor
{
    /// <summary>Parents of the buyers: the simulation's default, whose neighbours (32, 128) measured the same there.</summary>
    public const int Groups = 64;

    private const int BuyersPerBatch = 1_000;
    private const int BuyersPerSlice = (BuyersPerBatch + Groups - 1) / Groups;
    private readonly SaleSetup _setup;
    private readonly IActorRef _boxOffice;
    private readonly TaskCompletionSource<BuyerLog[]> _done;
    private readonly BuyerLog[] _logs;
    private readonly List<IActorRef> _groups = new(Groups);
    private int _started;
    private int _slicesStarting;
    private int _finished;

    public BuyerCrowd(SaleSetup setup, IActorRef boxOffice, TaskCompletionSource<BuyerLog[]> done)
    {
        _setup = setup;
        _boxOffice = boxOffice;
        _done = done;
        _logs = new BuyerLog[setup.Buyers];
    }

    public static Props Props(SaleSetup setup, IActorRef boxOffice, TaskCompletionSource<BuyerLog[]> done) =>
        Akka.Actor.Props.Create(() => new BuyerCrowd(setup, boxOffice, done));

    /// <summary>A failure anywhere among the buyers fails the run at once, instead of leaving it waiting for buyers that never report.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(failure =>
        {
            _done.TrySetException(failure);
            return Directive.Stop;
        });

    protected override void PreStart()
    {
        for (var group = 0; group < Groups; group++)
        {
            _groups.Add(Context.ActorOf(BuyerGroup.Props(_setup.Tickets, _boxOffice, Self), $"group-{group}"));
        }
        StartMore();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SliceStarted:
                if (--_slicesStarting == 0)
                {
                    StartMore();
                }
                break;
            case BuyerDone done:
                _logs[done.Buyer] = done.Log;
                if (++_finished == _setup.Buyers)
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
        for (var group = 0; group < Groups && _started < _setup.Buyers; group++)
        {
            var count = Math.Min(BuyersPerSlice, _setup.Buyers - _started);
            _groups[group].Tell(new StartBuyers(_started, count));
            _started += count;
            _slicesStarting++;
        }
    }
}

/// <summary>A group to the crowd: the slice it was given is started.</summary>
public sealed class SliceStarted
{
    public static SliceStarted Instance { get; } = new();
}

/// <summary>The crowd to a group: start the buyers First to First + Count - 1.</summary>
public sealed record StartBuyers(int First, int Count);

/// <summary>A buyer's report to the crowd: it is done, and what it saw.</summary>
public sealed record BuyerDone(int Buyer, BuyerLog Log);
