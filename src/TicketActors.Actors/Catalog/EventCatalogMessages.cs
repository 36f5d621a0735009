using System.Collections.Immutable;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Actors.Catalog;

/// <summary>List an event whose box office accepted this definition. Listing an id that is listed already changes nothing.</summary>
public sealed record ListEvent(EventDefinition Definition);

/// <summary>The event is listed; <paramref name="IsNew"/> when this command listed it (not an earlier one).</summary>
public sealed record EventListed(EventCreated Listing, bool IsNew);

/// <summary>Ask for every listed event.</summary>
public sealed record GetListedEvents
{
    public static GetListedEvents Instance { get; } = new();
}

/// <summary>Every listed event, in the order of their ids.</summary>
public sealed record ListedEvents(ImmutableArray<EventCreated> Events);

/// <summary>Ask for one listed event.</summary>
public sealed record GetListedEvent(string EventId);

/// <summary>The listing of one event; null when it is not listed.</summary>
public sealed record ListedEvent(string EventId, EventCreated? Listing);
