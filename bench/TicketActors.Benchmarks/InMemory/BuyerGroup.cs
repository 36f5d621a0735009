using Akka.Actor;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>A parent of buyers: starts the slices of buyers the crowd gives it; the buyers report to the crowd.</summary>
public sealed class BuyerGroup : UntypedActor
{
    private readonly int _limit;
    private readonly IActorRef _boxOffice;
    private readonly IActorRef _crowd;

    public BuyerGroup(int limit, IActorRef boxOffice, IActorRef crowd)
    {
        _limit = limit;
        _boxOffice = boxOffice;
        _crowd = crowd;
    }

    public static Props Props(int limit, IActorRef boxOffice, IActorRef crowd) =>
        Akka.Actor.Props.Create(() => new BuyerGroup(limit, boxOffice, crowd));

    /// <summary>A buyer that fails is the crowd's to judge: it fails the run.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    /// <summary>
    /// Watching the crowd (the parent: the group stops with it anyway) puts the group in Akka's full actor state from
    /// the start; in the default state every buyer's stop builds a throwaway full state to answer that it was not watched.
    /// </summary>
    protected override void PreStart() => Context.Watch(_crowd);

    protected override void OnReceive(object message)
    {
        if (message is not StartBuyers start)
        {
            Unhandled(message);
            return;
        }
        for (var buyer = start.First; buyer < start.First + start.Count; buyer++)
        {
            Context.ActorOf(BuyerActor.Props(buyer, _limit, _boxOffice, _crowd));
        }
        _crowd.Tell(SliceStarted.Instance);
    }
}
