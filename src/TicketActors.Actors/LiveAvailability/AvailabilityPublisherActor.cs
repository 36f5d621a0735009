using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.LiveAvailability;

/// <summary>
/// Pushes one event's availability to its watchers (the server-sent event streams). While anybody watches, it asks the
/// box office for the availability once per interval and sends it on only when it changed, so a rush of a thousand
/// sales a second costs the watchers a few messages a second, and the box office one query per interval whatever the
/// number of watchers. Nobody watching: no polling. Polling instead of a notification from the box office keeps the
/// box office free of any knowledge of the HTTP side.
/// </summary>
public sealed class AvailabilityPublisherActor : ReceiveActor, IWithTimers
{
    /// <summary>A query without an answer for this long (lost in a box office restart) is asked again.</summary>
    private static readonly TimeSpan QueryPatience = TimeSpan.FromSeconds(5);

    private readonly string _eventId;
    private readonly IActorRef _boxOffices;
    private readonly TimeSpan _interval;
    private readonly HashSet<ChannelWriter<Availability>> _watchers = [];
    private Availability? _last;
    private long? _askedAt;

    public AvailabilityPublisherActor(string eventId, IActorRef boxOffices, TimeSpan interval)
    {
        _eventId = eventId;
        _boxOffices = boxOffices;
        _interval = interval;
        Receive<WatchAvailability>(Watch);
        Receive<UnwatchAvailability>(unwatch =>
        {
            _watchers.Remove(unwatch.Watcher);
            if (_watchers.Count == 0)
            {
                Timers.Cancel(Poll.Instance);
            }
        });
        Receive<Poll>(_ => AskBoxOffice());
        Receive<Availability>(Publish);
        Receive<Rejected>(_ => _askedAt = null);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string eventId, IActorRef boxOffices, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new AvailabilityPublisherActor(eventId, boxOffices, interval));

    private void Watch(WatchAvailability watch)
    {
        if (_watchers.Count == 0)
        {
            // What was seen before nobody watched is stale: the first watcher gets a fresh answer.
            _last = null;
            Timers.StartPeriodicTimer(Poll.Instance, Poll.Instance, _interval);
            AskBoxOffice();
        }
        _watchers.Add(watch.Watcher);
        if (_last is not null)
        {
            // Polled within the last interval; a change since then follows with the next poll.
            watch.Watcher.TryWrite(_last);
        }
    }

    private void AskBoxOffice()
    {
        if (_askedAt is { } asked && Stopwatch.GetElapsedTime(asked) < QueryPatience)
        {
            return;
        }
        _askedAt = Stopwatch.GetTimestamp();
        _boxOffices.Tell(new GetAvailability(_eventId));
    }

    private void Publish(Availability availability)
    {
        _askedAt = null;
        if (_watchers.Count == 0 || (_last is not null && _last.Categories.SequenceEqual(availability.Categories)))
        {
            return;
        }
        _last = availability;
        foreach (var watcher in _watchers)
        {
            watcher.TryWrite(availability);
        }
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }
}
