using Microsoft.AspNetCore.Mvc;
using TicketActors.Api.Orders;
using TicketActors.Api.Problems;
using TicketActors.Api.Purchases;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Holds;

/// <summary>
/// Holds, like a cart: <c>POST /events/{eventId}/holds</c> (with an <c>Idempotency-Key</c>, shared with purchases: one
/// key names one request) reserves tickets for <c>ttlSeconds</c>; <c>POST .../holds/{holdId}/confirm</c> turns a live
/// hold into an order (the same body as a purchase; confirming again returns that same order);
/// <c>DELETE .../holds/{holdId}</c> gives the tickets back. The box office expires a hold at its deadline by itself.
/// The hold id is unguessable: it is what proves the right to confirm or release.
/// </summary>
public static class HoldsApi
{
    public static IEndpointRouteBuilder MapHoldsApi(this IEndpointRouteBuilder routes)
    {
        var holds = routes.MapGroup("/events/{eventId}/holds").WithTags("Holds");
        holds.MapPost("/", HoldAsync)
            .RequiresHeader(PurchasesApi.IdempotencyKeyHeader, "1-128 printable characters, unique per request (a UUID); the same again to retry it.")
            .Accepts<HoldRequest>("application/json")
            .Produces<HoldResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("PlaceHold")
            .WithSummary("Reserve tickets for ttlSeconds (at most an hour), all or nothing. Retrying with the same Idempotency-Key returns the same hold.");
        holds.MapPost("/{holdId}/confirm", ConfirmAsync)
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ConfirmHold")
            .WithSummary("Turn a live hold into an order (the body of a purchase). Again: the same order. After its deadline: 409 hold-expired.");
        holds.MapDelete("/{holdId}", ReleaseAsync)
            .Produces<ReleaseResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ReleaseHold")
            .WithSummary("Give a hold's tickets back (accepted again for a hold already released or expired).");
        return routes;
    }

    private static async Task<IResult> HoldAsync(
        string eventId,
        [FromHeader(Name = PurchasesApi.IdempotencyKeyHeader)] string? idempotencyKey,
        HttpRequest request,
        BoxOfficeGateway gateway,
        CancellationToken cancellation)
    {
        if (PurchasesApi.IdempotencyKeyProblem(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var (body, invalid) = await JsonBody.ReadAsync<HoldRequest>(request, cancellation);
        if (body is null)
        {
            return invalid!;
        }
        if (!PlainText.IsPlain(body.BuyerId) || !PlainText.IsPlain(body.Category))
        {
            return ApiProblems.Of(ProblemCodes.For(RejectionReason.InvalidRequest), "buyerId and category must not contain control characters or broken unicode");
        }
        var answer = await gateway.AskBoxOfficeAsync(
            new Hold(eventId, idempotencyKey!, body.BuyerId, body.Category, body.Quantity, TimeSpan.FromSeconds(body.TtlSeconds)), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            HoldPlaced placed => TypedResults.Json(HoldResponse.From(placed), statusCode: StatusCodes.Status201Created),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> ConfirmAsync(string eventId, string holdId, BoxOfficeGateway gateway, OrderSecrets secrets, CancellationToken cancellation)
    {
        if (!IsPlausibleHoldId(holdId))
        {
            return HoldNotFound();
        }
        var answer = await gateway.AskBoxOfficeAsync(new Confirm(eventId, holdId), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            Purchased purchased => TypedResults.Json(OrderResponse.From(eventId, purchased.Order, secrets), statusCode: StatusCodes.Status201Created),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> ReleaseAsync(string eventId, string holdId, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        if (!IsPlausibleHoldId(holdId))
        {
            return HoldNotFound();
        }
        var answer = await gateway.AskBoxOfficeAsync(new Release(eventId, holdId), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            Released released => TypedResults.Ok(new ReleaseResponse(released.HoldId, released.Remaining)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    /// <summary>A hold id the box office could have made; anything else is not found without asking it.</summary>
    private static bool IsPlausibleHoldId(string holdId) =>
        holdId.Length is > 0 and <= Purchase.MaxIdLength && PlainText.IsPlain(holdId) && !string.IsNullOrWhiteSpace(holdId);

    private static IResult HoldNotFound() =>
        ApiProblems.Of(ProblemCodes.For(RejectionReason.HoldNotFound), "no hold has this id: hold ids are what POST /events/{eventId}/holds answered");
}
