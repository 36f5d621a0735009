using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using TicketActors.Actors.LiveAvailability;
using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.LiveAvailability;

/// <summary>
/// <c>GET /events/{eventId}/availability</c> asks the box office; <c>.../availability/stream</c> is a server-sent event
/// stream of <c>availability</c> events: the current state first, then each change, at most one per
/// <c>AvailabilityInterval</c> however fast tickets sell (the event's publisher actor coalesces).
/// </summary>
public static class AvailabilityApi
{
    public const string StreamEventType = "availability";

    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder routes)
    {
        var availability = routes.MapGroup("/events/{eventId}/availability").WithTags("Availability");
        availability.MapGet("/", GetAsync)
            .Produces<AvailabilityResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetAvailability")
            .WithSummary("Capacity, sold, held and available, in total and per category.");
        availability.MapGet("/stream", StreamAsync)
            .Produces<AvailabilityResponse>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("StreamAvailability")
            .WithSummary("Server-sent events 'availability': the current state, then every change (coalesced).");
        return routes;
    }

    private static async Task<IResult> GetAsync(string eventId, BoxOfficeGateway gateway, CancellationToken cancellation)
    {
        var answer = await gateway.AskBoxOfficeAsync(new GetAvailability(eventId), cancellation);
        return answer.Reply switch
        {
            null => answer.Problem!,
            Availability availability => TypedResults.Ok(AvailabilityResponse.From(availability)),
            Rejected rejected => ApiProblems.Of(rejected),
            var other => ApiProblems.Of(ProblemCodes.InternalError, $"the box office answered {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> StreamAsync(string eventId, BoxOfficeGateway gateway, IHostApplicationLifetime lifetime, HttpContext context)
    {
        // The stream is opened only for an event that exists, so publishers exist only for real events.
        var answer = await gateway.AskBoxOfficeAsync(new GetAvailability(eventId), context.RequestAborted);
        switch (answer.Reply)
        {
            case null:
                return answer.Problem!;
            case Rejected rejected:
                return ApiProblems.Of(rejected);
        }
        if (!gateway.TryGetActors(out var actors, out var notReady))
        {
            return notReady!;
        }
        // Capacity 1, oldest dropped: a slow reader gets the latest state, and a stream never holds more than one.
        var updates = Channel.CreateBounded<Availability>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        actors.AvailabilityPublishers.Tell(new WatchAvailability(eventId, updates.Writer));
        // The stream ends when the client goes or the service stops, so a graceful shutdown is not held up by it.
        var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(ended);
        return TypedResults.ServerSentEvents(Updates(eventId, updates, actors.AvailabilityPublishers, ended.Token));
    }

    private static async IAsyncEnumerable<SseItem<AvailabilityResponse>> Updates(
        string eventId, Channel<Availability> updates, IActorRef publishers, [EnumeratorCancellation] CancellationToken ended)
    {
        try
        {
            while (await WaitAsync(updates.Reader, ended))
            {
                while (updates.Reader.TryRead(out var availability))
                {
                    yield return new SseItem<AvailabilityResponse>(AvailabilityResponse.From(availability), StreamEventType);
                }
            }
        }
        finally
        {
            publishers.Tell(new UnwatchAvailability(eventId, updates.Writer));
            updates.Writer.TryComplete();
        }
    }

    /// <summary>False once the stream is to end (client gone, service stopping), instead of an exception.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<Availability> reader, CancellationToken ended)
    {
        try
        {
            return await reader.WaitToReadAsync(ended);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
