using Microsoft.AspNetCore.Mvc;
using TicketActors.Api.Orders;
using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;

namespace TicketActors.Api.Purchases;

/// <summary>
/// <c>POST /events/{eventId}/purchases</c> with an <c>Idempotency-Key</c> header: the key is the box office's request
/// id, kept in the event's journal. The first request with a key is decided; a retry with the same key and body gets
/// the same 201 and the same order (same serials and codes) and issues nothing; the same key with another body gets
/// 409. Keys are per event. 201 comes only after the sale is stored.
/// </summary>
public static class PurchasesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPurchasesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/events/{eventId}/purchases", PurchaseAsync)
            .WithTags("Purchases")
            .RequiresHeader(IdempotencyKeyHeader, "1-128 printable characters, unique per purchase (a UUID); the same again to retry it.")
            .Accepts<PurchaseRequest>("application/json")
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("Purchase")
            .WithSummary("Buy tickets, all or nothing. Retrying with the same Idempotency-Key returns the same order.");
        return routes;
    }

    private static async Task<IResult> PurchaseAsync(
        string eventId,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpRequest request,
        BoxOfficeGateway gateway,
        OrderSecrets secrets,
        CancellationToken cancellation)
    {
        if (IdempotencyKeyProblem(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        if (!EventDefinition.IsValidId(eventId))
        {
            return ApiProblems.Of(ProblemCodes.For(RejectionReason.UnknownEvent), "no event has this id: ids are 1-64 letters, digits, '.', '_' or '-'");
        }
        var (body, invalid) = await JsonBody.ReadAsync<PurchaseRequest>(request, cancellation);
        if (body is null)
        {
            return invalid!;
        }
        if (!PlainText.IsPlain(body.BuyerId) || !PlainText.IsPlain(body.Category))
        {
            return ApiProblems.Of(ProblemCodes.For(RejectionReason.InvalidRequest), "buyerId and category must not contain control characters or broken unicode");
        }

        var answer = await gateway.AskBoxOfficeAsync(new Purchase(eventId, idempotencyKey!, body.BuyerId, body.Category, body.Quantity), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            Purchased purchased => TypedResults.Json(OrderResponse.From(eventId, purchased.Order, secrets), statusCode: StatusCodes.Status201Created),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    /// <summary>Why this Idempotency-Key cannot name a request (purchases and holds), or null when it can.</summary>
    public static IResult? IdempotencyKeyProblem(string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return ApiProblems.Of(ProblemCodes.MissingIdempotencyKey,
                $"send a unique {IdempotencyKeyHeader} (for example a UUID) with each request, and the same one when you retry it");
        }
        // A comma is how HTTP joins repeated headers: two keys are no key.
        if (idempotencyKey.Length > Purchase.MaxIdLength || !PlainText.IsPlain(idempotencyKey) || idempotencyKey.Contains(',', StringComparison.Ordinal))
        {
            return ApiProblems.Of(ProblemCodes.InvalidIdempotencyKey,
                $"send one {IdempotencyKeyHeader} of 1-{Purchase.MaxIdLength} printable characters, without commas");
        }
        return null;
    }
}
