using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// Runs one simulation: creates the event, lets the users in (at most <see cref="SimulationPlan.ActiveUsers"/> at the
/// counter at once, started by <see cref="UserGroupActor"/>s in messages of a few dozen, a batch per turn so that
/// outcomes and progress queries are served while a million users are let in), collects every outcome, then reads
/// the box office's final availability and replies with the checked report.
/// </summary>
public sealed class PurchaseCoordinatorActor : ReceiveActor, IWithTimers
{
    /// <summary>Users let in per turn of the coordinator, at most.</summary>
    public const int UsersPerBatch = 1_000;

    /// <summary>Users per <see cref="StartUsers"/> message to a group.</summary>
    public const int UsersPerMessage = 16;

    /// <summary>
    /// Groups of a big run: with a thousand users at the counter, about 16 live children per group (the fewer, the
    /// shorter the path Akka copies in a parent's tree of children; 32 groups of 31 allocated 4.55 GB per million
    /// users, 64 of 16 4.40 GB, 128 of 8 4.24 GB, with no difference in time that stood out of the noise).
    /// </summary>
    public const int UserGroups = 64;

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
    private IActorRef[] _groups = [];
    private int _nextGroup;
    private int _started;
    private int _atCounter;
    private bool _admissionQueued;
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
            var groups = Math.Clamp((_plan.Users + UsersPerMessage - 1) / UsersPerMessage, 1, UserGroups);
            _groups = [.. Enumerable.Range(1, groups).Select(group =>
                Context.ActorOf(UserGroupActor.Props(_boxOffice, Self, _plan.User, _oneCategory), $"users-{group}"))];
            Become(Selling);
            LetUsersIn();
        });
        Receive<Rejected>(rejected => Fail($"the availability could not be read: {rejected.Reason}: {rejected.Message}"));
        Receive<Deadline>(_ => Fail("the box office did not report its availability in time"));
        ReceiveProgressQueries();
    }

    private void Selling()
    {
        Receive<StartNextBatch>(_ =>
        {
            _admissionQueued = false;
            LetUsersIn();
        });
        Receive<UserThinking>(_ =>
        {
            _atCounter--;
            QueueAdmission();
        });
        Receive<PurchaseOutcome>(outcome =>
        {
            _tally.Record(outcome);
            if (!outcome.Held || outcome.Abandoned)
            {
                // A user that placed its hold and went off to think left the counter then (UserThinking).
                _atCounter--;
                QueueAdmission();
            }
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

    /// <summary>
    /// Lets in as many waiting users as there is room for at the counter (at most a batch), in messages of
    /// <see cref="UsersPerMessage"/> to the groups in turn. The users' choices are drawn here, in user order, so a seed
    /// repeats a run.
    /// </summary>
    private void LetUsersIn()
    {
        var end = Math.Min(_started + Math.Min(_plan.ActiveUsers - _atCounter, UsersPerBatch), _plan.Users);
        while (_started < end)
        {
            var users = new UserToStart[Math.Min(UsersPerMessage, end - _started)];
            for (var i = 0; i < users.Length; i++)
            {
                var userId = ++_started;
                var purchase = new Purchase(_plan.Event.Id, $"{_plan.RunId}-user-{userId}", $"user-{userId}",
                    PickCategory(), _plan.Quantity.Next(_random));
                users[i] = new UserToStart(userId, purchase, NextHoldChoice());
            }
            _atCounter += users.Length;
            _groups[_nextGroup++ % _groups.Length].Tell(new StartUsers(users));
        }
        QueueAdmission();
    }

    /// <summary>
    /// Another turn of letting users in, once a tenth of the counter is free (at most a message's worth, at least one
    /// user; or all that still wait): a turn per answered user would send a message per user.
    /// </summary>
    private void QueueAdmission()
    {
        var waiting = _plan.Users - _started;
        var room = _plan.ActiveUsers - _atCounter;
        if (!_admissionQueued && waiting > 0 && room >= Math.Min(Math.Clamp(_plan.ActiveUsers / 10, 1, UsersPerMessage), waiting))
        {
            _admissionQueued = true;
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
