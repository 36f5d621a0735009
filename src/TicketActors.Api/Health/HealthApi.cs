using TicketActors.Api.Hosting;
using TicketActors.Api.Requests;

namespace TicketActors.Api.Health;

/// <summary><c>/healthz</c>: the process answers. <c>/ready</c>: the actor system and the store serve (else 503 with Retry-After).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("alive")))
            .WithTags("Health")
            .WithName("Alive")
            .WithSummary("200 while the process runs.");
        routes.MapGet("/ready", IResult (BoxOfficeGateway gateway) =>
                gateway.TryGetActors(out _, out var notReady) ? TypedResults.Ok(new HealthResponse("ready")) : notReady!)
            .WithTags("Health")
            .Produces<HealthResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("Ready")
            .WithSummary("200 once the box offices and their store serve; 503 with Retry-After while starting or stopping.");
        return routes;
    }
}

public sealed record HealthResponse(string Status);
