using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// The events of every decision taken while the previous write was in flight, stored as one journal entry (group
/// commit). One entry instead of one per purchase is what makes a durable box office fast: the journal's cost is per
/// entry (a row, a round of its write pipeline), not per sale. Recovery applies the events in order, as if stored
/// one by one. A batch never holds a single event: that is stored as itself.
/// </summary>
public sealed record EventBatch(IReadOnlyList<IBoxOfficeEvent> Events)
{
    /// <summary>What to persist for these events: the event itself when there is one, a batch otherwise.</summary>
    public static object Store(IReadOnlyList<IBoxOfficeEvent> events) =>
        events.Count == 1 ? events[0] : new EventBatch([.. events]);

    /// <summary>The box office events of a stored journal entry, in order: a batch's events, or the event itself.</summary>
    public static IReadOnlyList<IBoxOfficeEvent> Unpack(object stored) => stored switch
    {
        EventBatch batch => batch.Events,
        IBoxOfficeEvent single => [single],
        _ => throw new ArgumentException($"{stored.GetType().Name} is not a box office journal entry", nameof(stored)),
    };
}
