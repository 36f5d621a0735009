namespace TicketActors.Domain.BoxOffice;

/// <summary>Why a command was refused: machine-readable, stable, mapped one to one onto API problem codes.</summary>
public enum RejectionReason
{
    /// <summary>The category has no tickets left.</summary>
    SoldOut,
    /// <summary>Some tickets are left, but fewer than asked for; the rejection says how many.</summary>
    InsufficientTickets,
    /// <summary>The buyer would hold more tickets of the category than its per-buyer limit.</summary>
    LimitExceeded,
    /// <summary>The quantity is not a positive whole number.</summary>
    InvalidQuantity,
    /// <summary>A request field (request id, buyer id) is missing or malformed.</summary>
    InvalidRequest,
    /// <summary>No event with this id was created.</summary>
    UnknownEvent,
    /// <summary>The event has no category with this name.</summary>
    UnknownCategory,
    /// <summary>The request id was used before with a different request.</summary>
    RequestIdConflict,
    /// <summary>An event with this id exists with a different definition.</summary>
    EventAlreadyExists,
    /// <summary>The event definition is not valid (capacity, limit, price, names).</summary>
    InvalidEvent,
    /// <summary>The box office could not store the decision; the outcome is unknown, retry with the same request id.</summary>
    Unavailable,
}
