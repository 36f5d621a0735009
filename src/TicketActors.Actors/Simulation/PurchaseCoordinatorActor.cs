using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// Runs one simulation: creates the event, starts the users in batches (so outcomes and progress queries are
/// served while a million users are being created), collects every outcome, then reads the box office's final
/// availability and replies with the checked report.
/// </summary>
public sealed class PurchaseCoordinatorActor : ReceiveActor, IWithTimers
{
    public const int UsersPerBatch = 1_000;

    /// <summary>How long creating the event and reading its availability may take: a big event recovers first.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    private readonly SimulationPlan _plan;
    private readonly IActorRef _boxOffice;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SimulationTally _tally;
    private readonly Random _random;
    private readonly int[] _cumulativeCapacity;
    private readonly bool _oneCategory;
    private IActorRef _requester = ActorRefs.Nobody;
    private int _started;
    private int _soldBefore;
    private long _startedAt;
    private TimeSpan _elapsed;

    public PurchaseCoordinatorActor(SimulationPlan plan, IActorRef boxOffice)
    {
        _plan = plan;
        _boxOffice = boxOffice;
        _tally = new SimulationTally(plan.Users);
        _random = new Random(plan.Seed);
        _oneCategory = plan.Event.Categories.Length == 1;
        var sum = 0;
        _cumulativeCapacity = [.. plan.Event.Categories.Select(c => sum += c.Capacity)];

        Receive<StartSimulation>(_ =>
        {
            _requester = Sender;
            _boxOffice.Tell(new CreateEvent(_plan.Event));
            Timers.StartSingleTimer(Deadline.Instance, Deadline.Instance, SetupTimeout);
            Become(CreatingEvent);
        });
        ReceiveProgressQueries();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SimulationPlan plan, IActorRef boxOffice) =>
        Akka.Actor.Props.Create(() => new PurchaseCoordinatorActor(plan, boxOffice));

    private void CreatingEvent()
    {
        Receive<EventAccepted>(_ =>
        {
            // The event may be one that earlier runs sold from (--event): what was sold before is the baseline.
            _boxOffice.Tell(new GetAvailability(_plan.Event.Id));
            Become(ReadingBaseline);
        });
        Receive<Rejected>(rejected => Fail($"the event could not be created: {rejected.Reason}: {rejected.Message}"));
        Receive<Deadline>(_ => Fail("the box office did not confirm the event in time"));
        ReceiveProgressQueries();
    }

    private void ReadingBaseline()
    {
        Receive<Availability>(before =>
        {
            Timers.Cancel(Deadline.Instance);
            _soldBefore = before.Sold;
            _startedAt = Stopwatch.GetTimestamp();
            Become(Selling);
            Self.Tell(StartNextBatch.Instance);
        });
        Receive<Rejected>(rejected => Fail($"the availability could not be read: {rejected.Reason}: {rejected.Message}"));
        Receive<Deadline>(_ => Fail("the box office did not report its availability in time"));
        ReceiveProgressQueries();
    }

    private void Selling()
    {
        Receive<StartNextBatch>(_ => StartUsers());
        Receive<PurchaseOutcome>(outcome =>
        {
            _tally.Record(outcome);
            if (_tally.IsComplete)
            {
                _elapsed = Stopwatch.GetElapsedTime(_startedAt);
                _boxOffice.Tell(new GetAvailability(_plan.Event.Id));
                Timers.StartSingleTimer(Deadline.Instance, Deadline.Instance, SetupTimeout + (_plan.User.HoldConfirm?.Ttl ?? TimeSpan.Zero));
                Become(Checking);
            }
        });
        ReceiveProgressQueries();
    }

    private void Checking()
    {
        Receive<Availability>(final => _plan.User.HoldConfirm is not null && final.Held > 0, _ =>
        {
            // Hold-confirm mode: abandoned holds are still live; the box office expires them at their deadlines,
            // and the run is checked once nothing is held any more (or the deadline says the expiry failed).
            Timers.StartSingleTimer(AskAgain.Instance, AskAgain.Instance, TimeSpan.FromMilliseconds(100));
        });
        Receive<AskAgain>(_ => _boxOffice.Tell(new GetAvailability(_plan.Event.Id)));
        Receive<Availability>(final =>
        {
            Timers.Cancel(Deadline.Instance);
            var report = _tally.Report(_plan, _soldBefore, final, _elapsed);
            _log.Info("Run on event {EventId} done: {Sold} sold to {Orders} users, invariants hold: {InvariantsHold}",
                report.EventId, report.Sold, report.Orders, report.InvariantsHold);
            _requester.Tell(new SimulationCompleted(report));
            Context.Stop(Self);
        });
        Receive<Rejected>(rejected => Fail($"the final availability could not be read: {rejected.Reason}: {rejected.Message}"));
        Receive<Deadline>(_ => Fail(_plan.User.HoldConfirm is null
            ? "the box office did not report its final availability in time"
            : "the box office still held tickets long after the last hold's deadline, or did not report its final availability in time"));
        ReceiveProgressQueries();
    }

    private void StartUsers()
    {
        var end = Math.Min(_started + UsersPerBatch, _plan.Users);
        for (; _started < end; _started++)
        {
            var userId = _started + 1;
            var purchase = new Purchase(_plan.Event.Id, $"{_plan.RunId}-user-{userId}", $"user-{userId}",
                PickCategory(), _plan.Quantity.Next(_random));
            Context.ActorOf(UserActor.Props(userId, purchase, _oneCategory, _boxOffice, Self, _plan.User, NextHoldChoice()), $"user-{userId}");
        }
        if (_started < _plan.Users)
        {
            Self.Tell(StartNextBatch.Instance);
        }
    }

    /// <summary>In the hold-confirm mode: how long the next user thinks, or whether it walks away (drawn from the seed).</summary>
    private HoldChoice? NextHoldChoice()
    {
        if (_plan.User.HoldConfirm is not { } holds)
        {
            return null;
        }
        var think = holds.ThinkMin + (holds.ThinkMax - holds.ThinkMin) * _random.NextDouble();
        return new HoldChoice(think, Abandon: _random.NextDouble() < holds.AbandonRate);
    }

    /// <summary>A category drawn with probability proportional to its capacity.</summary>
    private string PickCategory()
    {
        if (_oneCategory)
        {
            return _plan.Event.Categories[0].Name;
        }
        var ticket = _random.Next(_cumulativeCapacity[^1]);
        var index = Array.FindIndex(_cumulativeCapacity, upTo => ticket < upTo);
        return _plan.Event.Categories[index].Name;
    }

    private void ReceiveProgressQueries() =>
        Receive<GetSimulationProgress>(_ =>
            Sender.Tell(new SimulationProgress(_plan.Users, _started, _tally.Finished, _tally.TicketsReceived)));

    private void Fail(string reason)
    {
        // The requester reports the failure (the console prints it once); the log keeps it at Info for the record.
        _log.Info("Simulation on event {EventId} failed: {Reason}", _plan.Event.Id, reason);
        _requester.Tell(new SimulationFailed(reason));
        Context.Stop(Self);
    }

    private sealed record StartNextBatch
    {
        public static StartNextBatch Instance { get; } = new();
    }

    private sealed record AskAgain
    {
        public static AskAgain Instance { get; } = new();
    }

    private sealed record Deadline
    {
        public static Deadline Instance { get; } = new();
    }
}
