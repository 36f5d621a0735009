using TicketActors.Actors.Catalog;
using TicketActors.Api.LiveAvailability;
using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Events;

/// <summary>
/// <c>POST /events</c> (organiser), <c>GET /events</c>, <c>GET /events/{eventId}</c>. An event is created by its box
/// office (the authority: it refuses a second, different definition) and then listed in the event catalogue, which is
/// what the GET routes read.
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var events = routes.MapGroup("/events").WithTags("Events");
        events.MapPost("/", CreateAsync)
            .AddEndpointFilter<OrganiserKeyFilter>()
            .RequiresHeader(OrganiserKeyFilter.Header, "The organiser key (setting TicketActors:AdminKey).")
            .Accepts<CreateEventRequest>("application/json")
            .Produces<EventResponse>(StatusCodes.Status201Created)
            .Produces<EventResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CreateEvent")
            .WithSummary("Create an event (organiser key in X-Api-Key). 201 when created, 200 when the same definition exists already.");
        events.MapGet("/", ListAsync)
            .Produces<IReadOnlyList<EventResponse>>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ListEvents")
            .WithSummary("Every event this service created, by id.");
        events.MapGet("/{eventId}", GetAsync)
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetEvent")
            .WithSummary("One event created by this service.");
        events.MapPost("/{eventId}/close", CloseAsync)
            .AddEndpointFilter<OrganiserKeyFilter>()
            .RequiresHeader(OrganiserKeyFilter.Header, "The organiser key (setting TicketActors:AdminKey).")
            .Produces<SalesClosedResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CloseSales")
            .WithSummary("Stop selling now (organiser key). Again: the time of the first close. Live holds can still be confirmed.");
        events.MapPut("/{eventId}/categories/{category}/capacity", ChangeCapacityAsync)
            .AddEndpointFilter<OrganiserKeyFilter>()
            .RequiresHeader(OrganiserKeyFilter.Header, "The organiser key (setting TicketActors:AdminKey).")
            .Accepts<CapacityRequest>("application/json")
            .Produces<CategoryAvailabilityResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ChangeCapacity")
            .WithSummary("Set a category's capacity (organiser key); below the tickets sold plus held: 409 capacity-below-sold.");
        return routes;
    }

    private static async Task<IResult> CloseAsync(string eventId, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var answer = await gateway.AskBoxOfficeAsync(new CloseSales(eventId), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            SalesEnded ended => TypedResults.Ok(new SalesClosedResponse(ended.ClosedAt)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> ChangeCapacityAsync(string eventId, string category, HttpRequest request, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var (body, invalid) = await JsonBody.ReadAsync<CapacityRequest>(request, cancellation);
        if (body is null)
        {
            return invalid!;
        }
        var answer = await gateway.AskBoxOfficeAsync(new ChangeCapacity(eventId, category, body.Capacity), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            CapacityUpdated updated => TypedResults.Ok(CategoryAvailabilityResponse.From(updated.Category)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, BoxOfficeGateway gateway, ListedEventIds listedEvents, CancellationToken cancellation)
    {
        var (body, invalid) = await JsonBody.ReadAsync<CreateEventRequest>(request, cancellation);
        if (body is null)
        {
            return invalid!;
        }
        var definition = body.ToDefinition();
        var problems = definition.Problems().ToList();
        if (!PlainText.IsPlain(definition.Name))
        {
            problems.Add("event name must not contain control characters or broken unicode");
        }
        if (problems.Count > 0)
        {
            return ApiProblems.Of(ProblemCodes.For(RejectionReason.InvalidEvent), string.Join("; ", problems),
                new Dictionary<string, object?> { ["errors"] = problems });
        }

        var created = await gateway.AskBoxOfficeAsync(new CreateEvent(definition), cancellation);
        switch (created.Reply)
        {
            case null:
                return created.Problem!;
            case Rejected rejected:
                return ApiProblems.Of(rejected);
            case not EventAccepted:
                return ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {created.Reply.GetType().Name}");
        }
        var listed = await gateway.AskCatalogAsync<EventListed>(new ListEvent(definition), cancellation);
        if (listed.Reply is not { } listing)
        {
            return listed.Problem!;
        }
        listedEvents.Add(definition.Id);
        var response = EventResponse.From(listing.Listing);
        return listing.IsNew ? TypedResults.Created($"/events/{definition.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<IResult> ListAsync(BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var listed = await gateway.AskCatalogAsync<ListedEvents>(GetListedEvents.Instance, cancellation);
        return listed.Reply is { } events
            ? TypedResults.Ok(events.Events.Select(EventResponse.From).ToList())
            : listed.Problem!;
    }

    private static async Task<IResult> GetAsync(string eventId, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var listed = await gateway.AskCatalogAsync<ListedEvent>(new GetListedEvent(eventId), cancellation);
        return listed.Reply switch
        {
            null => listed.Problem!,
            { Listing: { } listing } => TypedResults.Ok(EventResponse.From(listing)),
            _ => ApiProblems.Of(ProblemCodes.For(RejectionReason.UnknownEvent), $"this service lists no event '{eventId}'"),
        };
    }
}
