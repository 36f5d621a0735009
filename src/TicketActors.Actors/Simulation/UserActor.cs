using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using TicketActors.Actors.Mailboxes;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// A simulated buyer: sends one <see cref="Purchase"/> as soon as it starts, retries it with the same request id
/// when no reply came in time (its <see cref="UserGroupActor"/>'s clock asks, <see cref="CheckWait"/>), or after a
/// pause when the box office answered <c>Unavailable</c> (it is restarting after a failure), reports its outcome to
/// the coordinator and stops. In the hold-confirm mode it sends a
/// <see cref="Hold"/> instead, thinks, then sends <see cref="Confirm"/> (retried the same way: a confirm is
/// idempotent) or walks away and lets the hold expire.
/// </summary>
public sealed class UserActor : UntypedActor
{
    private readonly int _userId;
    private readonly Purchase _purchase;
    private readonly IActorRef _boxOffice;
    private readonly IActorRef _coordinator;
    private readonly UserSettings _settings;
    private readonly bool _oneCategory;
    private readonly HoldChoice? _hold;
    private ILoggingAdapter? _logger;
    private ICancelable? _thinking;
    private ICancelable? _pause;
    private IBoxOfficeCommand _request;
    private long _firstSentAt;
    private long _lastSentAt;
    private long _waitedTicks;
    private int _attempts;
    private int _tries;
    private bool _held;
    private bool _waiting;
    private bool _pausing;

    public UserActor(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings, HoldChoice? hold = null)
    {
        _userId = userId;
        _purchase = purchase;
        _oneCategory = oneCategory;
        _boxOffice = boxOffice;
        _coordinator = coordinator;
        _settings = settings;
        _hold = settings.HoldConfirm is null ? null : hold ?? new HoldChoice(TimeSpan.Zero, Abandon: false);
        _request = settings.HoldConfirm is { } holds
            ? new Hold(purchase.EventId, purchase.RequestId, purchase.BuyerId, purchase.Category, purchase.Quantity, holds.Ttl)
            : purchase;
    }

    public static Props Props(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings, HoldChoice? hold = null) =>
        SingleConsumerProps.Of<UserActor>(new Producer(userId, purchase, oneCategory, boxOffice, coordinator, settings, hold));

    protected override void PreStart()
    {
        if (_settings.Narrate)
        {
            var tickets = _purchase.Quantity == 1 ? "ticket" : "tickets";
            var verb = _hold is null ? "requesting" : "holding";
            if (_oneCategory)
            {
                _log.Info("User {UserId}: {Verb} {Quantity} {Tickets}", _userId, verb, _purchase.Quantity, tickets);
            }
            else
            {
                _log.Info("User {UserId}: {Verb} {Quantity} {Category} {Tickets}", _userId, verb, _purchase.Quantity, _purchase.Category, tickets);
            }
        }
        Send();
    }

    /// <summary>An untyped actor on purpose: a ReceiveActor builds its handler table per instance, a cost a million users notice.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HoldPlaced placed when !_held:
                OnHoldPlaced(placed);
                break;
            case ThinkingDone:
                _tries = 0;
                Send();
                break;
            case PauseDone:
                _pausing = false;
                Send();
                break;
            case Rejected { Reason: RejectionReason.Unavailable } when _pausing:
                // A late refusal of an earlier attempt while already pausing before the next one.
                break;
            case Purchased purchased when _oneCategory:
                Finish(purchased.Order, null, () =>
                    _log.Info(purchased.Order.Quantity == 1
                            ? "User {UserId} {Bought} ticket {Serials}. Tickets remaining: {Remaining}"
                            : "User {UserId} {Bought} tickets {Serials}. Tickets remaining: {Remaining}",
                        _userId, _held ? "confirmed and got" : "purchased", purchased.Order.SerialRange, purchased.Remaining));
                break;
            case Purchased purchased:
                // Several categories: what remains is the category's, so the line names it.
                Finish(purchased.Order, null, () =>
                    _log.Info(purchased.Order.Quantity == 1
                            ? "User {UserId} {Bought} {Category} ticket {Serials}. Tickets remaining in that category: {Remaining}"
                            : "User {UserId} {Bought} {Category} tickets {Serials}. Tickets remaining in that category: {Remaining}",
                        _userId, _held ? "confirmed and got" : "purchased", purchased.Order.Category, purchased.Order.SerialRange, purchased.Remaining));
                break;
            case Rejected { Reason: RejectionReason.Unavailable } when _waiting && _tries < _settings.MaxAttempts:
                PauseThenRetry();
                break;
            case Rejected rejected:
                Finish(null, rejected.Reason, () =>
                {
                    if (rejected.Reason == RejectionReason.SoldOut)
                    {
                        _log.Info("User {UserId}: sold out", _userId);
                    }
                    else if (rejected.Reason == RejectionReason.HoldExpired)
                    {
                        _log.Info("User {UserId}: confirmed too late, the hold had expired", _userId);
                    }
                    else
                    {
                        _log.Info("User {UserId}: rejected, {Reason}: {Detail}", _userId, rejected.Reason, rejected.Message);
                    }
                });
                break;
            case CheckWait when !_waiting || _pausing || Stopwatch.GetElapsedTime(_lastSentAt) < _settings.RequestTimeout:
                // Answered, pausing, thinking, or not waiting that long yet.
                break;
            case CheckWait when _tries < _settings.MaxAttempts:
                if (_settings.Narrate)
                {
                    _log.Info("User {UserId}: no reply within {Timeout} s, retrying with the same request id", _userId, _settings.RequestTimeout.TotalSeconds);
                }
                Send();
                break;
            case CheckWait:
                Finish(null, null, () => _log.Warning("User {UserId}: no reply after {Attempts} attempts, giving up", _userId, _tries));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Created only when narrating: a million silent users need no logger each.</summary>
    private ILoggingAdapter _log => _logger ??= Context.GetLogger();

    /// <summary>
    /// Sends the current request (again). No timer per user: the group's clock asks every user now and then
    /// (<see cref="CheckWait"/>) and a user whose request waited longer than the timeout retries it. The wait is
    /// counted from the first send of the request, retries included.
    /// </summary>
    private void Send()
    {
        _lastSentAt = Stopwatch.GetTimestamp();
        if (_tries == 0)
        {
            _firstSentAt = _lastSentAt;
        }
        _attempts++;
        _tries++;
        _waiting = true;
        _boxOffice.Tell(_request);
    }

    /// <summary>
    /// The box office is restarting after a failure (the registry backs off before it starts it again): wait before the
    /// next try, 100 ms after the first refusal, twice as long after each further one, never longer than the timeout.
    /// </summary>
    private void PauseThenRetry()
    {
        _pausing = true;
        var pause = TimeSpan.FromTicks(Math.Min(UnavailablePause.Ticks << Math.Min(_tries - 1, 16), _settings.RequestTimeout.Ticks));
        if (_settings.Narrate)
        {
            _log.Info("User {UserId}: the box office was unavailable, retrying with the same request id in {Pause} ms", _userId, (int)pause.TotalMilliseconds);
        }
        _pause = Context.System.Scheduler.ScheduleTellOnceCancelable(pause, Self, PauseDone.Instance, Self);
    }

    /// <summary>Ends the wait for a reply (a late reply to an earlier attempt ends it just the same).</summary>
    private void Replied()
    {
        if (_waiting)
        {
            _waiting = false;
            _waitedTicks += Stopwatch.GetTimestamp() - _firstSentAt;
        }
    }

    private void OnHoldPlaced(HoldPlaced placed)
    {
        Replied();
        _held = true;
        var choice = _hold!.Value;
        if (choice.Abandon)
        {
            Finish(null, null, () => _log.Info("User {UserId} holds {Quantity} until {ExpiresAt:HH:mm:ss.fff} and walks away", _userId, placed.Quantity, placed.ExpiresAt),
                abandoned: true);
            return;
        }
        if (_settings.Narrate)
        {
            _log.Info("User {UserId} holds {Quantity} until {ExpiresAt:HH:mm:ss.fff}, thinking {Think} ms", _userId, placed.Quantity, placed.ExpiresAt, (int)choice.Think.TotalMilliseconds);
        }
        _coordinator.Tell(new UserThinking(_userId));
        // Remember the hold id in the confirm to send; it is sent when the thinking is done.
        _request = new Confirm(_purchase.EventId, placed.HoldId);
        _thinking = Context.System.Scheduler.ScheduleTellOnceCancelable(choice.Think, Self, ThinkingDone.Instance, Self);
    }

    private void Finish(Domain.Tickets.Order? order, RejectionReason? rejection, Action narrate, bool abandoned = false)
    {
        if (!abandoned)
        {
            Replied();
        }
        if (_settings.Narrate)
        {
            narrate();
        }
        _coordinator.Tell(new PurchaseOutcome(_userId, _purchase.Category, _purchase.Quantity, order, rejection,
            _waitedTicks, _attempts, Held: _held, Abandoned: abandoned));
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _thinking?.Cancel();
        _pause?.Cancel();
    }

    /// <summary>Creates the user for <see cref="SingleConsumerProps"/>, without the reflection of Akka's other factories.</summary>
    private sealed class Producer(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings, HoldChoice? hold)
        : IIndirectActorProducer
    {
        public Type ActorType => typeof(UserActor);

        public ActorBase Produce() => new UserActor(userId, purchase, oneCategory, boxOffice, coordinator, settings, hold);

        public void Release(ActorBase actor)
        {
        }
    }

    /// <summary>The pause before retrying a request the box office refused as unavailable the first time.</summary>
    public static readonly TimeSpan UnavailablePause = TimeSpan.FromMilliseconds(100);

    private sealed record PauseDone
    {
        public static PauseDone Instance { get; } = new();
    }

    private sealed record ThinkingDone
    {
        public static ThinkingDone Instance { get; } = new();
    }
}
