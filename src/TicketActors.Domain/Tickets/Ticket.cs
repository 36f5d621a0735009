namespace TicketActors.Domain.Tickets;

/// <summary>One admission: a serial unique within its event and an unguessable code that the door scans.</summary>
public sealed record Ticket(int Serial, string Code, string Category);
