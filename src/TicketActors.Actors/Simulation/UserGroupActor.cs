using Akka.Actor;

namespace TicketActors.Actors.Simulation;

/// <summary>
/// The parent of a share of a run's users, so that no actor is the parent of a million. Akka keeps an actor's
/// children in an immutable tree that is copied along its path on every start and stop: with one parent that was more
/// than a quarter of everything a million-user run allocated, and one thread created every user. The coordinator hands
/// the groups their users in turn; each group starts them (users report to the coordinator themselves) and is their
/// clock for request timeouts (<see cref="CheckWait"/>).
/// </summary>
public sealed class UserGroupActor(IActorRef boxOffice, IActorRef coordinator, UserSettings settings, bool oneCategory) : UntypedActor, IWithTimers
{
    /// <summary>How often the group asks its users whether their request waited too long: a tenth of the timeout, so a
    /// user retries between one and 1.1 timeouts after its send.</summary>
    public static TimeSpan CheckEvery(UserSettings settings) =>
        TimeSpan.FromTicks(Math.Max(settings.RequestTimeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks));

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef boxOffice, IActorRef coordinator, UserSettings settings, bool oneCategory) =>
        Akka.Actor.Props.Create(() => new UserGroupActor(boxOffice, coordinator, settings, oneCategory));

    /// <summary>
    /// Watching the coordinator (the parent: the group goes with it anyway) puts the group in Akka's full actor state
    /// from the start. In the default state, the question asked at every child's stop, whether the child was watched,
    /// builds a throwaway full state to answer no: about 300 bytes per user, a million times.
    /// </summary>
    protected override void PreStart()
    {
        Context.Watch(coordinator);
        Timers.StartPeriodicTimer(CheckWait.Instance, CheckWait.Instance, CheckEvery(settings));
    }

    protected override void OnReceive(object message)
    {
        if (message is CheckWait)
        {
            foreach (var user in Context.GetChildren())
            {
                user.Tell(CheckWait.Instance);
            }
            return;
        }
        if (message is not StartUsers start)
        {
            Unhandled(message);
            return;
        }
        foreach (var user in start.Users)
        {
            Context.ActorOf(UserActor.Props(user.UserId, user.Purchase, oneCategory, boxOffice, coordinator, settings, user.Hold),
                user.Purchase.BuyerId);
        }
    }
}
