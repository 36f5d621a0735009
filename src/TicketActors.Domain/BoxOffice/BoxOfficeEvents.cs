using System.Collections.Immutable;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.BoxOffice;

/// <summary>A fact the box office stored in its journal. Replaying them in order rebuilds the state.</summary>
public interface IBoxOfficeEvent;

/// <summary>The event was set up for sale.</summary>
public sealed record EventCreated(EventDefinition Definition, DateTimeOffset CreatedAt) : IBoxOfficeEvent;

/// <summary>A purchase was accepted: these tickets now belong to the buyer, under this request id.</summary>
public sealed record TicketsIssued(
    int OrderNumber,
    string RequestId,
    string BuyerId,
    string Category,
    ImmutableArray<Ticket> Tickets,
    DateTimeOffset IssuedAt) : IBoxOfficeEvent;
