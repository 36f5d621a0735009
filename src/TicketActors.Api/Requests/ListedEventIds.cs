using System.Collections.Concurrent;

namespace TicketActors.Api.Requests;

/// <summary>
/// The ids of the events in the catalogue, in memory: loaded when the service becomes ready, added to on every create.
/// Box office routes of an id not listed answer <c>unknown-event</c> without asking anyone, so requests for made-up
/// ids never start a box office (each would be an actor and a journal read, kept for the life of the process).
/// One process writes the catalogue, so the copy stays exact.
/// </summary>
public sealed class ListedEventIds
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public bool Contains(string eventId) => _ids.ContainsKey(eventId);

    public void Add(string eventId) => _ids.TryAdd(eventId, 0);
}
