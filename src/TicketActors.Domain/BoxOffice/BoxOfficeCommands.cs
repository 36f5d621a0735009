using TicketActors.Domain.Catalog;

namespace TicketActors.Domain.BoxOffice;

/// <summary>A command for one event's box office; the event id is the routing key.</summary>
public interface IBoxOfficeCommand
{
    string EventId { get; }
}

/// <summary>Set up an event for sale. Repeating it with the same definition is accepted and changes nothing.</summary>
public sealed record CreateEvent(EventDefinition Definition) : IBoxOfficeCommand
{
    public string EventId => Definition.Id;
}

/// <summary>Buy <paramref name="Quantity"/> tickets, all or nothing. <paramref name="RequestId"/> is the idempotency key.</summary>
public sealed record Purchase(string EventId, string RequestId, string BuyerId, string Category, int Quantity)
    : IBoxOfficeCommand
{
    public const int MaxIdLength = 128;
}

/// <summary>Ask for capacity, sold, held and available per category.</summary>
public sealed record GetAvailability(string EventId) : IBoxOfficeCommand;
