using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests;

/// <summary>A TestKit on the project's own HOCON (in-memory store unless a spec passes other settings), with a box office registry.</summary>
public abstract class BoxOfficeTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected BoxOfficeTestKit(ITestOutputHelper output, string? hocon = null)
        : base(TicketActorsSystem.Configuration(ConfigurationFactory.ParseString(hocon ?? "")), "spec", output)
    {
        Registry = Sys.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.Default), BoxOfficeRegistry.Name);
    }

    protected IActorRef Registry { get; }

    protected static EventDefinition Event(string id, int capacity, int limit = 1, string category = "general") =>
        new(id, $"Event {id}", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
            [new TicketCategory(category, capacity, new Money(2500, "EUR"), limit)]);

    protected void Create(EventDefinition definition)
    {
        Registry.Tell(new CreateEvent(definition), TestActor);
        ExpectMsg<EventAccepted>(Patience);
    }

    protected Availability AvailabilityOf(string eventId)
    {
        Registry.Tell(new GetAvailability(eventId), TestActor);
        return ExpectMsg<Availability>(Patience);
    }

    protected IBoxOfficeReply Buy(string eventId, string requestId, string buyerId, int quantity, string category = "general")
    {
        Registry.Tell(new Purchase(eventId, requestId, buyerId, category, quantity), TestActor);
        return ExpectMsg<IBoxOfficeReply>(Patience);
    }

    /// <summary>
    /// Stops the event's box office and waits until a new one answers: the registry starts it again after its
    /// backoff, and it recovers from the journal.
    /// </summary>
    protected void StopBoxOffice(string eventId)
    {
        var probe = CreateTestProbe();
        var boxOffice = Sys.ActorSelection($"/user/{BoxOfficeRegistry.Name}/{eventId}").ResolveOne(Patience).Result;
        probe.Watch(boxOffice);
        boxOffice.Tell(PoisonPill.Instance);
        probe.ExpectTerminated(boxOffice, Patience);
        AwaitAssert(() =>
        {
            Registry.Tell(new GetAvailability(eventId), probe.Ref);
            probe.ExpectMsg<Availability>(TimeSpan.FromSeconds(1));
        }, Patience, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>The events in the journal under the box office's persistence id, read by recovering a probe actor.</summary>
    protected IReadOnlyList<object> JournalOf(string eventId)
    {
        var reader = Sys.ActorOf(Props.Create(() => new JournalReader(TicketBoxOfficeActor.PersistenceIdFor(eventId), TestActor)));
        var events = ExpectMsg<IReadOnlyList<object>>(Patience);
        Sys.Stop(reader);
        return events;
    }

    private sealed class JournalReader : Akka.Persistence.ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public JournalReader(string persistenceId, IActorRef replyTo)
        {
            PersistenceId = persistenceId;
            Recover<Akka.Persistence.RecoveryCompleted>(_ => replyTo.Tell((IReadOnlyList<object>)_events));
            RecoverAny(_events.Add);
        }

        public override string PersistenceId { get; }
    }
}
