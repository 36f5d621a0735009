using System.Threading.Channels;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.LiveAvailability;

/// <summary>
/// Send the event's availability to <paramref name="Watcher"/>: the current state first, then every change, at most one
/// per publishing interval. The publisher only ever calls <c>TryWrite</c>: a watcher that reads slowly should use a
/// channel of capacity 1 that drops the oldest, so it always gets the latest state and memory stays bounded.
/// </summary>
public sealed record WatchAvailability(string EventId, ChannelWriter<Availability> Watcher);

/// <summary>Stop sending to <paramref name="Watcher"/>.</summary>
public sealed record UnwatchAvailability(string EventId, ChannelWriter<Availability> Watcher);
