using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests;

/// <summary>A TestKit on the project's own HOCON (in-memory store unless a spec passes other settings), with a box office registry.</summary>
public abstract partial class BoxOfficeTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Akka.Persistence.TestKit's journal, which fails, rejects or stalls writes and recoveries on demand.</summary>
    protected const string TestJournalHocon = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.auto-start-journals = []
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    protected BoxOfficeTestKit(ITestOutputHelper output, string? hocon = null)
        : base(TicketActorsSystem.Configuration(ConfigurationFactory.ParseString(hocon ?? "")), "spec", output)
    {
        // The settings of hocon/box-office.conf with the spec's overrides (write-timeout, backoffs, ...).
        Registry = Sys.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(Sys.Settings.Config)), BoxOfficeRegistry.Name);
    }

    protected IActorRef Registry { get; }

    /// <summary>The TestJournal of a spec configured with <see cref="TestJournalHocon"/>: <c>OnWrite.Fail()</c>, <c>OnRecovery.Pass()</c>, ...</summary>
    protected ITestJournal ControlledJournal => TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));

    /// <summary>The running box office of an event (the registry's child).</summary>
    protected IActorRef BoxOfficeOf(string eventId) =>
        Sys.ActorSelection($"/user/{BoxOfficeRegistry.Name}/{eventId}").ResolveOne(Patience).Result;

    /// <summary>The milliseconds the registry says to wait, when the reply is its answer for a box office in backoff; otherwise null.</summary>
    protected static int? BackoffWaitOf(IBoxOfficeReply reply) =>
        reply is Rejected { Reason: RejectionReason.Unavailable } rejected && BackoffPattern().Match(rejected.Message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// Waits until the registry has seen a stopped box office go. Its <c>Terminated</c> is an ordinary message, so a
    /// command sent right after the stop can still be forwarded to the dead box office, where it is dropped without a
    /// reply. Asks for the availability (an answer that is lost or comes from the dead box office is asked again) until
    /// the registry answers itself: with its backoff (returned), or, once the backoff is over, from a new box office (null).
    /// </summary>
    protected int? AwaitRegistrySawStop(string eventId)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            // A fresh probe per ask: an answer that comes after the 100 ms goes to a probe nobody reads, not to the
            // TestActor, where the spec's next ExpectMsg would take it for the answer to its own command.
            var probe = CreateTestProbe();
            Registry.Tell(new GetAvailability(eventId), probe.Ref);
            if (probe.ReceiveOne(TimeSpan.FromMilliseconds(100)) is IBoxOfficeReply reply)
            {
                if (BackoffWaitOf(reply) is { } wait)
                {
                    return wait;
                }
                if (reply is not Rejected { Reason: RejectionReason.Unavailable })
                {
                    return null;
                }
            }
            Assert.True(started.Elapsed < Patience, $"the registry did not see the box office of '{eventId}' stop within {started.Elapsed}");
        }
    }

    /// <summary>
    /// Sends the command, and sends it again (same request id) while the registry answers that the box office is in its
    /// backoff; returns the first other reply. Every attempt must be answered within a second.
    /// </summary>
    protected IBoxOfficeReply SendPastBackoff(IBoxOfficeCommand command)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            Registry.Tell(command, TestActor);
            var reply = ExpectMsg<IBoxOfficeReply>(TimeSpan.FromSeconds(1), $"a reply to {command}");
            if (BackoffWaitOf(reply) is null)
            {
                return reply;
            }
            Assert.True(started.Elapsed < Patience, $"still in backoff after {started.Elapsed}: {reply}");
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
    }

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

    /// <summary>
    /// The box office events in the journal under the box office's persistence id (snapshots ignored), read by
    /// recovering a probe actor; the events of a group-commit batch are listed one by one.
    /// </summary>
    protected IReadOnlyList<IBoxOfficeEvent> JournalOf(string eventId) => [.. JournalEntriesOf(eventId).SelectMany(EventBatch.Unpack)];

    /// <summary>The journal's entries as stored: an event, or an <see cref="EventBatch"/> of a group commit.</summary>
    protected IReadOnlyList<object> JournalEntriesOf(string eventId)
    {
        var reader = Sys.ActorOf(Props.Create(() => new JournalReader(TicketBoxOfficeActor.PersistenceIdFor(eventId), TestActor)));
        var entries = ExpectMsg<IReadOnlyList<object>>(Patience);
        Sys.Stop(reader);
        return entries;
    }

    [GeneratedRegex(@"recovering from a failure; retry in (\d+) ms$")]
    private static partial Regex BackoffPattern();

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

        /// <summary>Every event from the first: a snapshot would hide the events before it.</summary>
        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
    }
}
