using Akka.Actor;
using Microsoft.Extensions.Options;
using TicketActors.Api.Hosting;
using TicketActors.Api.Problems;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Requests;

/// <summary>A box office's reply, or the problem that answers the request instead (not ready, overloaded, no answer in time).</summary>
public readonly record struct Answer<T>(T? Reply, IResult? Problem)
    where T : class;

/// <summary>
/// The one way endpoints ask the actors: only once the service is ready, only for listed events (see
/// <see cref="ListedEventIds"/>), within the per-event in-flight limit, and
/// always with the finite <c>AskTimeout</c> (CASES C24). A box office that does not answer in time gets 503 with
/// Retry-After: the outcome is unknown, and a retry with the same Idempotency-Key tells.
/// </summary>
public sealed class BoxOfficeGateway(
    BoxOfficeHost host,
    InFlightLimiter limiter,
    ListedEventIds listedEvents,
    IOptions<TicketActorsOptions> options)
{
    private readonly TimeSpan _timeout = options.Value.AskTimeout;

    public async Task<Answer<IBoxOfficeReply>> AskBoxOfficeAsync(IBoxOfficeCommand command, CancellationToken cancellation)
    {
        if (!TryGetActors(out var actors, out var notReady))
        {
            return new(null, notReady);
        }
        if (command is not CreateEvent && !listedEvents.Contains(command.EventId))
        {
            return new(null, ApiProblems.Of(ProblemCodes.For(RejectionReason.UnknownEvent), $"this service lists no event '{command.EventId}'"));
        }
        using var lease = limiter.TryEnter(command.EventId);
        if (lease is null)
        {
            return new(null, ApiProblems.Of(ProblemCodes.Overloaded,
                $"more than {limiter.LimitPerEvent} requests for event '{command.EventId}' are waiting; retry shortly with the same Idempotency-Key"));
        }
        return await AskAsync<IBoxOfficeReply>(actors.BoxOffices, command, $"the box office of '{command.EventId}'", cancellation);
    }

    public async Task<Answer<T>> AskCatalogAsync<T>(object question, CancellationToken cancellation)
        where T : class =>
        TryGetActors(out var actors, out var notReady)
            ? await AskAsync<T>(actors.Catalog, question, "the event catalogue", cancellation)
            : new(null, notReady);

    /// <summary>The actors, or the 503 that says why there are none.</summary>
    public bool TryGetActors([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BoxOfficeActors? actors, out IResult? notReady)
    {
        notReady = null;
        if (host.TryGetActors(out actors))
        {
            return true;
        }
        notReady = host.State switch
        {
            ServiceState.Starting => ApiProblems.Of(ProblemCodes.Starting, "the box offices are starting; retry shortly"),
            ServiceState.Failed => ApiProblems.Of(ProblemCodes.StartFailed, "the box offices could not start; see the service log"),
            _ => ApiProblems.Of(ProblemCodes.Stopping, "the service is stopping; retry on another instance or later"),
        };
        return false;
    }

    private async Task<Answer<T>> AskAsync<T>(IActorRef actor, object question, string who, CancellationToken cancellation)
        where T : class
    {
        try
        {
            return new(await actor.Ask<T>(question, _timeout, cancellation), null);
        }
        catch (AskTimeoutException)
        {
            return new(null, ApiProblems.Of(ProblemCodes.For(RejectionReason.Unavailable),
                $"{who} did not answer within {_timeout.TotalSeconds:0.###} s; the outcome is unknown: retry with the same Idempotency-Key"));
        }
    }
}
