using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace TicketActors.Actors.Mailboxes;

/// <summary>
/// An unbounded mailbox for short-lived actors that receive a handful of messages, such as a simulated buyer. The
/// default mailbox is a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>, whose first segment (32
/// slots, about a kilobyte) is allocated with every actor: a million buyers made 1 GB of garbage with it. This one
/// costs one small node per message (Akka on the JVM ships the same design as <c>SingleConsumerOnlyUnboundedMailbox</c>).
/// Configured as <c>ticketactors.single-consumer-mailbox</c> (hocon/akka.conf); <see cref="SingleConsumerProps"/> names it.
/// </summary>
public sealed class SingleConsumerMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<SingleConsumerMessageQueue>
{
    /// <summary>The HOCON id that selects this mailbox in <c>Props.WithMailbox</c>.</summary>
    public const string Id = "ticketactors.single-consumer-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new SingleConsumerMessageQueue();
}

/// <summary>
/// A linked list that any thread may append to and only one thread takes from (D. Vyukov's intrusive MPSC queue):
/// an append is one swap of the last node, a take follows the first node's link. An actor's mailbox is drained by one
/// thread at a time, which is the one-consumer rule. An append whose link is not yet written is not seen by a take;
/// its sender schedules the mailbox after writing it, so the message is never stranded.
/// </summary>
public sealed class SingleConsumerMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>The last node appended: producers swap themselves in here.</summary>
    private Node _last;

    /// <summary>The node taken last (at first an empty one): the next message is its successor's.</summary>
    private Node _taken;

    public SingleConsumerMessageQueue()
    {
        _last = _taken = new Node(default);
    }

    public bool HasMessages => Volatile.Read(ref Volatile.Read(ref _taken).Next) is not null;

    /// <summary>Walks the list: only diagnostics read it, and a short-lived actor's list is short.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var node = Volatile.Read(ref Volatile.Read(ref _taken).Next); node is not null; node = Volatile.Read(ref node.Next))
            {
                count++;
            }
            return count;
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var node = new Node(envelope);
        var previous = Interlocked.Exchange(ref _last, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Only the thread that runs the actor may call this.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var next = Volatile.Read(ref _taken.Next);
        if (next is null)
        {
            envelope = default;
            return false;
        }
        envelope = next.Envelope;
        // The taken node stays as the list's head; it must not keep the message alive.
        next.Envelope = default;
        Volatile.Write(ref _taken, next);
        return true;
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    private sealed class Node(Envelope envelope)
    {
        public Envelope Envelope = envelope;
        public Node? Next;
    }
}
