using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// A simulated buyer: sends one <see cref="Purchase"/> as soon as it starts, retries it with the same request id
/// when no reply comes in time (or the box office answered <c>Unavailable</c>), reports its outcome to the
/// coordinator and stops. In the hold-confirm mode it sends a <see cref="Hold"/> instead, thinks, then sends
/// <see cref="Confirm"/> (retried the same way: a confirm is idempotent) or walks away and lets the hold expire.
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
    private ICancelable? _timeout;
    private ICancelable? _thinking;
    private IBoxOfficeCommand _request;
    private long _sentAt;
    private long _waitedTicks;
    private int _attempts;
    private int _tries;
    private bool _held;
    private bool _waiting;

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
        Akka.Actor.Props.CreateBy(new Producer(userId, purchase, oneCategory, boxOffice, coordinator, settings, hold));

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
            case Purchased purchased:
                Finish(purchased.Order, null, () =>
                    _log.Info(purchased.Order.Quantity == 1
                            ? "User {UserId} {Bought} ticket {Serials}. Tickets remaining: {Remaining}"
                            : "User {UserId} {Bought} tickets {Serials}. Tickets remaining: {Remaining}",
                        _userId, _held ? "confirmed and got" : "purchased", purchased.Order.SerialRange, purchased.Remaining));
                break;
            case Rejected { Reason: RejectionReason.Unavailable } when _tries < _settings.MaxAttempts:
                Retry("the box office was unavailable");
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
            case RequestTimedOut when !_waiting:
                // A timer of a request already answered (cancelled too late): nothing to retry.
                break;
            case RequestTimedOut when _tries < _settings.MaxAttempts:
                Retry($"no reply within {_settings.RequestTimeout.TotalSeconds:0.#} s");
                break;
            case RequestTimedOut:
                Finish(null, null, () => _log.Warning("User {UserId}: no reply after {Attempts} attempts, giving up", _userId, _tries));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Created only when narrating: a million silent users need no logger each.</summary>
    private ILoggingAdapter _log => _logger ??= Context.GetLogger();

    private void Send()
    {
        _attempts++;
        _tries++;
        _waiting = true;
        _sentAt = Stopwatch.GetTimestamp();
        _boxOffice.Tell(_request);
        _timeout = Context.System.Scheduler.ScheduleTellOnceCancelable(_settings.RequestTimeout, Self, RequestTimedOut.Instance, Self);
    }

    /// <summary>Counts the wait for a reply (a late reply to an earlier attempt ends the wait just the same).</summary>
    private void Replied()
    {
        _timeout?.Cancel();
        if (_waiting)
        {
            _waiting = false;
            _waitedTicks += Stopwatch.GetTimestamp() - _sentAt;
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
        // Remember the hold id in the confirm to send; it is sent when the thinking is done.
        _request = new Confirm(_purchase.EventId, placed.HoldId);
        _thinking = Context.System.Scheduler.ScheduleTellOnceCancelable(choice.Think, Self, ThinkingDone.Instance, Self);
    }

    private void Retry(string why)
    {
        if (_settings.Narrate)
        {
            _log.Info("User {UserId}: {Why}, retrying with the same request id", _userId, why);
        }
        Send();
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
        _timeout?.Cancel();
        _thinking?.Cancel();
    }

    /// <summary>Creating a user is the cost of a big run: a producer avoids the reflection and expression compiling of the other Props factories.</summary>
    private sealed class Producer(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings, HoldChoice? hold)
        : IIndirectActorProducer
    {
        public Type ActorType => typeof(UserActor);

        public ActorBase Produce() => new UserActor(userId, purchase, oneCategory, boxOffice, coordinator, settings, hold);

        public void Release(ActorBase actor)
        {
        }
    }

    private sealed record RequestTimedOut
    {
        public static RequestTimedOut Instance { get; } = new();
    }

    private sealed record ThinkingDone
    {
        public static ThinkingDone Instance { get; } = new();
    }
}
