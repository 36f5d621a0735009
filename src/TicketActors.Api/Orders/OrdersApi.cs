using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Orders;

/// <summary>
/// <c>GET /orders/{orderId}</c> and <c>POST /orders/{orderId}/cancel</c>, for whoever holds the order's secret (header
/// <c>X-Order-Secret</c>). The secret is checked before anyone is asked: a wrong secret, a malformed id and an order
/// that does not exist get the same 404, so order ids cannot be probed.
/// </summary>
public static class OrdersApi
{
    private const string NoSuchOrder = "no order has this id and secret";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/orders/{orderId}").WithTags("Orders");
        orders.MapGet("/", GetAsync)
            .RequiresHeader(OrderSecrets.Header, "The orderSecret of the purchase (or confirm) that issued the order.")
            .Produces<OrderDetailsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetOrder")
            .WithSummary("An order and the status of each ticket (valid, cancelled, checked-in). Needs the order secret.");
        orders.MapPost("/cancel", CancelAsync)
            .RequiresHeader(OrderSecrets.Header, "The orderSecret of the purchase (or confirm) that issued the order.")
            .Accepts<CancelRequest>("application/json")
            .Produces<CancelResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CancelOrder")
            .WithSummary("Cancel the order's tickets, or those named in {\"serials\":[...]}; they go back on sale. Needs the order secret.");
        return routes;
    }

    private static async Task<IResult> GetAsync(string orderId, HttpRequest request, BoxOfficeGateway gateway, OrderSecrets secrets, CancellationToken cancellation)
    {
        if (Authorise(orderId, request, secrets, out var eventId, out var orderNumber) is { } refused)
        {
            return refused;
        }
        var found = await FindAsync(eventId, orderNumber, gateway, cancellation);
        return found.Reply is { } order ? TypedResults.Ok(OrderDetailsResponse.From(order)) : found.Problem!;
    }

    private static async Task<IResult> CancelAsync(string orderId, HttpRequest request, BoxOfficeGateway gateway, OrderSecrets secrets, CancellationToken cancellation)
    {
        if (Authorise(orderId, request, secrets, out var eventId, out var orderNumber) is { } refused)
        {
            return refused;
        }
        IReadOnlyList<int>? serials = null;
        if (HasBody(request))
        {
            var (body, invalid) = await JsonBody.ReadAsync<CancelRequest>(request, cancellation);
            if (body is null)
            {
                return invalid!;
            }
            serials = body.Serials;
        }
        var found = await FindAsync(eventId, orderNumber, gateway, cancellation);
        if (found.Reply is not { } order)
        {
            return found.Problem!;
        }
        var answer = await gateway.AskBoxOfficeAsync(new Cancel(eventId, order.Order.BuyerId, orderNumber, serials), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            Cancelled cancelled => TypedResults.Ok(new CancelResponse(orderId, cancelled.Serials, cancelled.Remaining)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    /// <summary>Null when the secret is the order's; else the 401 (no secret) or the 404 that an unknown order gets.</summary>
    private static IResult? Authorise(string orderId, HttpRequest request, OrderSecrets secrets, out string eventId, out int orderNumber)
    {
        var sent = request.Headers[OrderSecrets.Header];
        if (sent.Count == 0 || string.IsNullOrEmpty(sent[0]))
        {
            eventId = "";
            orderNumber = 0;
            return ApiProblems.Of(ProblemCodes.MissingOrderSecret, $"send the order's orderSecret in the {OrderSecrets.Header} header");
        }
        var parsed = OrderIds.TryParse(orderId, out eventId, out orderNumber);
        // The secret is checked even for a malformed id, so the time does not tell the two apart.
        var matches = secrets.Matches(orderId, sent[0]!);
        return parsed && matches && sent.Count == 1 ? null : UnknownOrder();
    }

    /// <summary>The order, or the problem: every way of not finding it is the same 404.</summary>
    private static async Task<Answer<OrderFound>> FindAsync(string eventId, int orderNumber, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var answer = await gateway.AskBoxOfficeAsync(new GetOrder(eventId, orderNumber), cancellation);
        return answer switch
        {
            { Reply: OrderFound found } => new(found, null),
            { Reply: null, Problem: { } problem } when (problem as IStatusCodeHttpResult)?.StatusCode != StatusCodes.Status404NotFound => new(null, problem),
            { Reply: null or Rejected { Reason: RejectionReason.UnknownOrder or RejectionReason.UnknownEvent } } => new(null, UnknownOrder()),
            { Reply: Rejected rejected } => new(null, ApiProblems.Of(rejected)),
            { Reply: var other } => new(null, ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other!.GetType().Name}")),
        };
    }

    private static IResult UnknownOrder() => ApiProblems.Of(ProblemCodes.For(RejectionReason.UnknownOrder), NoSuchOrder);

    /// <summary>A cancel may come without a body (cancel the whole order).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
