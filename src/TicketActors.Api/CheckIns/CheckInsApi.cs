using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.CheckIns;

/// <summary>The body of <c>POST /events/{eventId}/checkins</c>: the code on the ticket.</summary>
public sealed record CheckInRequest(string Code);

/// <summary>The ticket is admitted.</summary>
public sealed record CheckInResponse(int Serial, string Category, DateTimeOffset CheckedInAt);

/// <summary>
/// <c>POST /events/{eventId}/checkins</c> (door staff: <c>X-Door-Key</c>): admits a ticket code once. A second scan is
/// 409 <c>already-checked-in</c> with the time of the first in <c>checkedInAt</c>.
/// </summary>
public static class CheckInsApi
{
    public static IEndpointRouteBuilder MapCheckInsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/events/{eventId}/checkins", CheckInAsync)
            .WithTags("Check-ins")
            .AddEndpointFilter<DoorKeyFilter>()
            .RequiresHeader(DoorKeyFilter.Header, "The door key (setting TicketActors:DoorKey), or the organiser key.")
            .Accepts<CheckInRequest>("application/json")
            .Produces<CheckInResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CheckIn")
            .WithSummary("Admit a ticket at the door, once (X-Door-Key). A second scan: 409 already-checked-in with checkedInAt.");
        return routes;
    }

    private static async Task<IResult> CheckInAsync(string eventId, HttpRequest request, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var (body, invalid) = await JsonBody.ReadAsync<CheckInRequest>(request, cancellation);
        if (body is null)
        {
            return invalid!;
        }
        if (!PlainText.IsPlain(body.Code))
        {
            return ApiProblems.Of(ProblemCodes.For(RejectionReason.InvalidRequest), "the code must not contain control characters or broken unicode");
        }
        var answer = await gateway.AskBoxOfficeAsync(new CheckIn(eventId, body.Code), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            CheckedIn admitted => TypedResults.Ok(new CheckInResponse(admitted.Serial, admitted.Category, admitted.At)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }
}
