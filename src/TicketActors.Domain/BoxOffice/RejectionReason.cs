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
    /// <summary>The event definition is not valid (capacity, limit, price, names, sales window), or a change would make it so.</summary>
    InvalidEvent,
    /// <summary>The box office could not store the decision; the outcome is unknown, retry with the same request id.</summary>
    Unavailable,
    /// <summary>The event is not on sale now: before its sales open, or after they closed (as planned or early).</summary>
    SalesClosed,
    /// <summary>A capacity lower than the tickets sold plus held; the rejection names both.</summary>
    CapacityBelowSold,
    /// <summary>A hold's time-to-live is not positive or longer than the box office allows.</summary>
    InvalidTtl,
    /// <summary>No hold with this id.</summary>
    HoldNotFound,
    /// <summary>The hold reached its deadline: its tickets are back on sale and it can no longer be confirmed.</summary>
    HoldExpired,
    /// <summary>The hold was released: its tickets are back on sale and it can no longer be confirmed.</summary>
    HoldReleased,
    /// <summary>The hold was confirmed: its tickets are sold, so it can no longer be released (cancel the order instead).</summary>
    HoldAlreadyConfirmed,
    /// <summary>No order with this number.</summary>
    UnknownOrder,
    /// <summary>The order belongs to another buyer.</summary>
    NotOrderOwner,
    /// <summary>No ticket with this code (check-in), or the serial is not one of the order's tickets (cancel).</summary>
    UnknownTicket,
    /// <summary>A ticket to cancel was cancelled before.</summary>
    AlreadyCancelled,
    /// <summary>The ticket was cancelled: it is not valid for admission.</summary>
    TicketCancelled,
    /// <summary>The ticket was admitted before; the rejection says when. A checked-in ticket cannot be cancelled either.</summary>
    AlreadyCheckedIn,
}
