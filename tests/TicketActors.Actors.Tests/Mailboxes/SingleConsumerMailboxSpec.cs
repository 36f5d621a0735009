using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using TicketActors.Actors.Mailboxes;
using TicketActors.Actors.Simulation;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Mailboxes;

public sealed class SingleConsumerMailboxSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    [Fact]
    public void An_empty_queue_has_nothing_to_take()
    {
        var queue = new SingleConsumerMessageQueue();

        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out var envelope));
        Assert.Null(envelope.Message);
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_and_the_queue_is_empty_after()
    {
        var queue = new SingleConsumerMessageQueue();
        for (var i = 1; i <= 5; i++)
        {
            queue.Enqueue(TestActor, new Envelope(i, TestActor));
        }

        Assert.True(queue.HasMessages);
        Assert.Equal(5, queue.Count);
        var taken = new List<object>();
        while (queue.TryDequeue(out var envelope))
        {
            taken.Add(envelope.Message);
            Assert.Same(TestActor, envelope.Sender);
        }
        Assert.Equal([1, 2, 3, 4, 5], taken);
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Messages_appended_by_many_threads_at_once_all_come_out_once_each_in_each_sender_s_order()
    {
        const int producers = 4, perProducer = 50_000;
        var queue = new SingleConsumerMessageQueue();
        var taken = new List<(int Producer, int Sequence)>(producers * perProducer);
        var start = new Barrier(producers + 1);

        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                queue.Enqueue(ActorRefs.Nobody, new Envelope((p, i), ActorRefs.Nobody));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        // The one consumer takes while the producers append, until every message is out.
        while (taken.Count < producers * perProducer)
        {
            if (queue.TryDequeue(out var envelope))
            {
                taken.Add(((int, int))envelope.Message);
            }
        }
        threads.ForEach(t => t.Join());

        Assert.False(queue.TryDequeue(out _));
        for (var p = 0; p < producers; p++)
        {
            Assert.Equal(Enumerable.Range(0, perProducer), taken.Where(m => m.Producer == p).Select(m => m.Sequence));
        }
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_the_dead_letters_in_order()
    {
        var queue = new SingleConsumerMessageQueue();
        var deadLetters = new UnboundedMessageQueue();
        queue.Enqueue(TestActor, new Envelope("a", TestActor));
        queue.Enqueue(TestActor, new Envelope("b", TestActor));

        queue.CleanUp(TestActor, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.True(deadLetters.TryDequeue(out var first));
        Assert.True(deadLetters.TryDequeue(out var second));
        Assert.Equal(("a", "b"), (first.Message, second.Message));
        Assert.False(deadLetters.HasMessages);
    }

    [Fact]
    public void A_user_actor_gets_the_single_consumer_mailbox_from_the_project_s_hocon()
    {
        var mailboxes = Sys.Mailboxes;

        var type = mailboxes.GetMailboxType(UserActor.Props(1, new("e", "r", "b", "general", 1), true, TestActor, TestActor,
            UserSettings.Default), Sys.Dispatchers.DefaultDispatcherConfig);

        Assert.IsType<SingleConsumerMailbox>(type);
        Assert.IsType<SingleConsumerMessageQueue>(type.Create(TestActor, Sys));
    }

    [Fact]
    public void Props_that_Akka_copies_keep_their_producer_and_the_mailbox()
    {
        var props = SingleConsumerProps.Of<EchoActor>(new EchoProducer("echo: ")).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);

        Assert.Equal(SingleConsumerMailbox.Id, props.Mailbox);
        Assert.Same(SupervisorStrategy.StoppingStrategy, props.SupervisorStrategy);
        Sys.ActorOf(props).Tell("hello", TestActor);
        ExpectMsg("echo: hello");
    }

    private sealed class EchoActor(string prefix) : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(prefix + message);
    }

    private sealed class EchoProducer(string prefix) : IIndirectActorProducer
    {
        public Type ActorType => typeof(EchoActor);

        public ActorBase Produce() => new EchoActor(prefix);

        public void Release(ActorBase actor)
        {
        }
    }
}
