using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Options;
using TicketActors.Actors.LiveAvailability;
using TicketActors.Api.Hosting;
using TicketActors.Api.Problems;
using TicketActors.Api.Requests;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.LiveAvailability;

/// <summary>
/// <c>GET /events/{eventId}/availability</c> asks the box office; <c>.../availability/stream</c> is a server-sent event
/// stream of <c>availability</c> events: the current state first, then each change, at most one per
/// <c>AvailabilityInterval</c> however fast tickets sell (the event's publisher actor coalesces). A stream without a
/// change for <c>AvailabilityKeepAlive</c> (15 s) repeats the last state: a keep-alive that any client can read as
/// what it is, the current availability, where an SSE comment line would be invisible to it.
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

    private static async Task<IResult> StreamAsync(string eventId, BoxOfficeGateway gateway, IHostApplicationLifetime lifetime,
        IOptions<TicketActorsOptions> options, HttpContext context)
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
        return TypedResults.ServerSentEvents(Updates(eventId, updates, actors.AvailabilityPublishers, options.Value.AvailabilityKeepAlive, ended.Token));
    }

    private static async IAsyncEnumerable<SseItem<AvailabilityResponse>> Updates(
        string eventId, Channel<Availability> updates, IActorRef publishers, TimeSpan keepAlive, [EnumeratorCancellation] CancellationToken ended)
    {
        try
        {
            AvailabilityResponse? last = null;
            while (await WaitAsync(updates.Reader, keepAlive, ended) is var next and not Wait.Ended)
            {
                if (next == Wait.Quiet)
                {
                    if (last is not null)
                    {
                        yield return new SseItem<AvailabilityResponse>(last, StreamEventType);
                    }
                    continue;
                }
                while (updates.Reader.TryRead(out var availability))
                {
                    last = AvailabilityResponse.From(availability);
                    yield return new SseItem<AvailabilityResponse>(last, StreamEventType);
                }
            }
        }
        finally
        {
            publishers.Tell(new UnwatchAvailability(eventId, updates.Writer));
            updates.Writer.TryComplete();
        }
    }

    private enum Wait
    {
        Update,
        Quiet,
        Ended,
    }

    /// <summary>An update to read, a quiet <paramref name="keepAlive"/> without one, or the end of the stream (client gone,
    /// service stopping), instead of an exception.</summary>
    private static async Task<Wait> WaitAsync(ChannelReader<Availability> reader, TimeSpan keepAlive, CancellationToken ended)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ended);
        quiet.CancelAfter(keepAlive);
        try
        {
            return await reader.WaitToReadAsync(quiet.Token) ? Wait.Update : Wait.Ended;
        }
        catch (OperationCanceledException)
        {
            return ended.IsCancellationRequested ? Wait.Ended : Wait.Quiet;
        }
    }
}
