using System.Diagnostics;
using Akka.Actor;
using TicketActors.Actors.Mailboxes;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// One buyer: tells a purchase of one ticket, waits for the reply, tells the next, until sold out (a lone buyer: until it
/// owns its limit, the whole capacity; any buyer: until a reply it did not expect, see <see cref="BuyerLog"/>).
/// </summary>
public sealed class BuyerActor : UntypedActor
{
    private readonly int _buyer;
    private readonly IActorRef _boxOffice;
    private readonly IActorRef _crowd;
    private readonly BuyerLog _log;
    private Purchase _request = null!;
    private int _number;
    private long _sentAt;

    private BuyerActor(int buyer, int limit, IActorRef boxOffice, IActorRef crowd)
    {
        _buyer = buyer;
        _log = new BuyerLog(limit);
        _boxOffice = boxOffice;
        _crowd = crowd;
    }

    /// <summary>On the one-consumer mailbox, from one props template, as the simulation's users (see <see cref="SingleConsumerProps"/>).</summary>
    public static Props Props(int buyer, int limit, IActorRef boxOffice, IActorRef crowd) =>
        SingleConsumerProps.Of<BuyerActor>(new Producer(buyer, limit, boxOffice, crowd));

    protected override void PreStart() => Send();

    protected override void OnReceive(object message)
    {
        if (message is not IBoxOfficeReply reply)
        {
            Unhandled(message);
            return;
        }
        if (_log.Record(_request, reply, _sentAt))
        {
            _crowd.Tell(new BuyerDone(_buyer, _log));
            Context.Stop(Self);
            return;
        }
        Send();
    }

    private void Send()
    {
        _request = SaleSetup.PurchaseOf(_buyer, _number++);
        _sentAt = Stopwatch.GetTimestamp();
        _boxOffice.Tell(_request);
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
