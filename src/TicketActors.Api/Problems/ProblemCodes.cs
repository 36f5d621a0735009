using System.Collections.Frozen;
using System.Text;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Problems;

/// <summary>A kind of problem the API answers: its HTTP status, its stable kebab-case <c>code</c> and its title.</summary>
public sealed record ProblemCode(int Status, string Code, string Title);

/// <summary>
/// Every problem code of the API in one table: the box office's rejection reasons, and the refusals of the HTTP layer
/// itself. Codes are part of the API contract: clients switch on them, so they never change once published.
/// </summary>
public static class ProblemCodes
{
    private static readonly FrozenDictionary<RejectionReason, ProblemCode> ByReason = new Dictionary<RejectionReason, ProblemCode>
    {
        [RejectionReason.SoldOut] = new(409, "sold-out", "Sold out"),
        [RejectionReason.InsufficientTickets] = new(409, "insufficient-tickets", "Fewer tickets left than asked for"),
        [RejectionReason.LimitExceeded] = new(400, "limit-exceeded", "More tickets than one buyer may have"),
        [RejectionReason.InvalidQuantity] = new(400, "invalid-quantity", "The quantity must be 1 or more"),
        [RejectionReason.InvalidRequest] = new(400, "invalid-request", "A request field is missing or malformed"),
        [RejectionReason.UnknownEvent] = new(404, "unknown-event", "No such event"),
        [RejectionReason.UnknownCategory] = new(400, "unknown-category", "The event has no such ticket category"),
        [RejectionReason.RequestIdConflict] = new(409, "request-id-conflict", "The Idempotency-Key was used for another request"),
        [RejectionReason.EventAlreadyExists] = new(409, "event-already-exists", "An event with this id exists with another definition"),
        [RejectionReason.InvalidEvent] = new(400, "invalid-event", "The event definition is not valid"),
        [RejectionReason.Unavailable] = new(503, "unavailable", "The box office could not answer; retry with the same Idempotency-Key"),
        [RejectionReason.SalesClosed] = new(409, "sales-closed", "Sales of this event are not open"),
        [RejectionReason.CapacityBelowSold] = new(409, "capacity-below-sold", "The capacity cannot go below the tickets sold and held"),
        [RejectionReason.InvalidTtl] = new(400, "invalid-ttl", "A hold lasts more than no time and at most the longest hold allowed"),
        [RejectionReason.HoldNotFound] = new(404, "hold-not-found", "No such hold"),
        [RejectionReason.HoldExpired] = new(409, "hold-expired", "The hold expired before it was confirmed"),
        [RejectionReason.HoldReleased] = new(409, "hold-released", "The hold was released"),
        [RejectionReason.HoldAlreadyConfirmed] = new(409, "hold-already-confirmed", "The hold was confirmed; cancel the order instead"),
        [RejectionReason.UnknownOrder] = new(404, "unknown-order", "No such order"),
        [RejectionReason.NotOrderOwner] = new(403, "not-order-owner", "The order belongs to another buyer"),
        [RejectionReason.UnknownTicket] = new(404, "unknown-ticket", "No ticket with this code"),
        [RejectionReason.AlreadyCancelled] = new(409, "already-cancelled", "The ticket was cancelled already"),
        [RejectionReason.TicketCancelled] = new(409, "ticket-cancelled", "The ticket was cancelled"),
        [RejectionReason.AlreadyCheckedIn] = new(409, "already-checked-in", "The ticket was checked in already"),
    }.ToFrozenDictionary();

    // The HTTP layer's own refusals.
    public static readonly ProblemCode InvalidBody = new(400, "invalid-body", "The request body is not JSON of the expected shape");
    public static readonly ProblemCode MissingIdempotencyKey = new(400, "missing-idempotency-key", "The Idempotency-Key header is required");
    public static readonly ProblemCode InvalidIdempotencyKey = new(400, "invalid-idempotency-key", "The Idempotency-Key header is not valid");
    public static readonly ProblemCode MissingApiKey = new(401, "missing-api-key", "This route needs the organiser key in the X-Api-Key header");
    public static readonly ProblemCode InvalidApiKey = new(401, "invalid-api-key", "The X-Api-Key header does not hold the organiser key");
    public static readonly ProblemCode OrganiserRoutesDisabled = new(403, "organiser-routes-disabled", "No organiser key is configured, so organiser routes are closed");
    public static readonly ProblemCode MissingOrderSecret = new(401, "missing-order-secret", "This route needs the order's secret in the X-Order-Secret header");
    public static readonly ProblemCode MissingDoorKey = new(401, "missing-door-key", "This route needs the door key in the X-Door-Key header");
    public static readonly ProblemCode InvalidDoorKey = new(401, "invalid-door-key", "The X-Door-Key header does not hold the door key");
    public static readonly ProblemCode DoorRoutesDisabled = new(403, "door-routes-disabled", "No door key (nor organiser key) is configured, so the check-in route is closed");
    public static readonly ProblemCode NotFound = new(404, "not-found", "Not found");
    public static readonly ProblemCode MethodNotAllowed = new(405, "method-not-allowed", "Method not allowed");
    public static readonly ProblemCode PayloadTooLarge = new(413, "payload-too-large", "The request body is too large");
    public static readonly ProblemCode UnsupportedMediaType = new(415, "unsupported-media-type", "The request body must be application/json");
    public static readonly ProblemCode Overloaded = new(503, "overloaded", "Too many requests for this event at once; retry shortly");
    public static readonly ProblemCode Starting = new(503, "starting", "The service is starting; retry shortly");
    public static readonly ProblemCode Stopping = new(503, "stopping", "The service is stopping");
    public static readonly ProblemCode StartFailed = new(503, "start-failed", "The service could not start");
    public static readonly ProblemCode InternalError = new(500, "internal-error", "An unexpected error occurred");

    /// <summary>
    /// The problem of a rejection. Total: a reason added to the domain later and not yet in the table answers 409 (a
    /// refusal because of the event's state, the most common kind) with its name in kebab case; a spec fails until the
    /// table names it.
    /// </summary>
    public static ProblemCode For(RejectionReason reason) =>
        ByReason.TryGetValue(reason, out var code) ? code : new ProblemCode(409, KebabCase(reason.ToString()), reason.ToString());

    public static bool IsInTable(RejectionReason reason) => ByReason.ContainsKey(reason);

    /// <summary>The code of a problem the framework answers by itself (an unknown route, a wrong method, a crash).</summary>
    public static string ForStatus(int status) => status switch
    {
        404 => NotFound.Code,
        405 => MethodNotAllowed.Code,
        413 => PayloadTooLarge.Code,
        415 => UnsupportedMediaType.Code,
        >= 500 => InternalError.Code,
        _ => "bad-request",
    };

    /// <summary>"InsufficientTickets" -> "insufficient-tickets".</summary>
    public static string KebabCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
