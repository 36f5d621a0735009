using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// A simulated buyer: sends one <see cref="Purchase"/> as soon as it starts, retries it with the same request id
/// when no reply comes in time (or the box office answered <c>Unavailable</c>), reports its outcome to the
/// coordinator and stops.
/// </summary>
public sealed class UserActor : UntypedActor
{
    private readonly int _userId;
    private readonly Purchase _purchase;
    private readonly IActorRef _boxOffice;
    private readonly IActorRef _coordinator;
    private readonly UserSettings _settings;
    private readonly bool _oneCategory;
    private ILoggingAdapter? _logger;
    private ICancelable? _timeout;
    private long _startedAt;
    private int _attempts;

    public UserActor(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings)
    {
        _userId = userId;
        _purchase = purchase;
        _oneCategory = oneCategory;
        _boxOffice = boxOffice;
        _coordinator = coordinator;
        _settings = settings;
    }

    public static Props Props(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings) =>
        Akka.Actor.Props.CreateBy(new Producer(userId, purchase, oneCategory, boxOffice, coordinator, settings));

    protected override void PreStart()
    {
        if (_settings.Narrate)
        {
            var tickets = _purchase.Quantity == 1 ? "ticket" : "tickets";
            if (_oneCategory)
            {
                _log.Info("User {UserId}: requesting {Quantity} {Tickets}", _userId, _purchase.Quantity, tickets);
            }
            else
            {
                _log.Info("User {UserId}: requesting {Quantity} {Category} {Tickets}", _userId, _purchase.Quantity, _purchase.Category, tickets);
            }
        }
        _startedAt = Stopwatch.GetTimestamp();
        Send();
    }

    /// <summary>An untyped actor on purpose: a ReceiveActor builds its handler table per instance, a cost a million users notice.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Purchased purchased:
                Finish(purchased.Order, null, () =>
                    _log.Info(purchased.Order.Quantity == 1
                            ? "User {UserId} purchased ticket {Serials}. Tickets remaining: {Remaining}"
                            : "User {UserId} purchased tickets {Serials}. Tickets remaining: {Remaining}",
                        _userId, purchased.Order.SerialRange, purchased.Remaining));
                break;
            case Rejected { Reason: RejectionReason.Unavailable } when _attempts < _settings.MaxAttempts:
                Retry("the box office was unavailable");
                break;
            case Rejected rejected:
                Finish(null, rejected.Reason, () =>
                {
                    if (rejected.Reason == RejectionReason.SoldOut)
                    {
                        _log.Info("User {UserId}: sold out", _userId);
                    }
                    else
                    {
                        _log.Info("User {UserId}: rejected, {Reason}: {Detail}", _userId, rejected.Reason, rejected.Message);
                    }
                });
                break;
            case RequestTimedOut when _attempts < _settings.MaxAttempts:
                Retry($"no reply within {_settings.RequestTimeout.TotalSeconds:0.#} s");
                break;
            case RequestTimedOut:
                Finish(null, null, () => _log.Warning("User {UserId}: no reply after {Attempts} attempts, giving up", _userId, _attempts));
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
        _boxOffice.Tell(_purchase);
        _timeout = Context.System.Scheduler.ScheduleTellOnceCancelable(_settings.RequestTimeout, Self, RequestTimedOut.Instance, Self);
    }

    private void Retry(string why)
    {
        if (_settings.Narrate)
        {
            _log.Info("User {UserId}: {Why}, retrying with the same request id", _userId, why);
        }
        Send();
    }

    private void Finish(Domain.Tickets.Order? order, RejectionReason? rejection, Action narrate)
    {
        _timeout?.Cancel();
        if (_settings.Narrate)
        {
            narrate();
        }
        _coordinator.Tell(new PurchaseOutcome(_userId, _purchase.Category, _purchase.Quantity, order, rejection,
            Stopwatch.GetTimestamp() - _startedAt, _attempts));
        Context.Stop(Self);
    }

    /// <summary>Creating a user is the cost of a big run: a producer avoids the reflection and expression compiling of the other Props factories.</summary>
    private sealed class Producer(int userId, Purchase purchase, bool oneCategory, IActorRef boxOffice, IActorRef coordinator, UserSettings settings)
        : IIndirectActorProducer
    {
        public Type ActorType => typeof(UserActor);

        public ActorBase Produce() => new UserActor(userId, purchase, oneCategory, boxOffice, coordinator, settings);

        public void Release(ActorBase actor)
        {
        }
    }

    private sealed record RequestTimedOut
    {
        public static RequestTimedOut Instance { get; } = new();
    }
}
