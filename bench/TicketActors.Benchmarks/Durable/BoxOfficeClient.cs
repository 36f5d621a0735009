using Akka.Actor;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// A buyer as the box office asks buyers to behave: an <c>Unavailable</c> reply or no reply means the outcome is
/// unknown (a write may have been stored after the box office gave up on it), so the buyer retries with the
/// <b>same request id</b>, which returns the original order if it was stored and decides afresh if not. Without
/// this, a sale stored after its write timed out would be counted as failed.
/// </summary>
public static class BoxOfficeClient
{
    public const int MaxAttempts = 30;
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The final reply (or null when every attempt went unanswered) and how many retries it took.</summary>
    public static async Task<(IBoxOfficeReply? Reply, int Retries)> PurchaseAsync(
        IActorRef registry, Purchase purchase, TimeSpan askTimeout, CancellationToken cancellation) =>
        await AskAsync(registry, purchase, askTimeout, cancellation);

    /// <summary>The availability, read the same way (a box office that is restarting answers <c>Unavailable</c> for a moment).</summary>
    public static async Task<Availability> AvailabilityAsync(IActorRef registry, string eventId, TimeSpan askTimeout, CancellationToken cancellation) =>
        (await AskAsync(registry, new GetAvailability(eventId), askTimeout, cancellation)).Reply as Availability
        ?? throw new InvalidOperationException($"GetAvailability of '{eventId}' did not answer with the availability");

    private static async Task<(IBoxOfficeReply? Reply, int Retries)> AskAsync(
        IActorRef registry, IBoxOfficeCommand command, TimeSpan askTimeout, CancellationToken cancellation)
    {
        IBoxOfficeReply? reply = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(RetryDelay, cancellation);
            }
            try
            {
                reply = await registry.Ask<IBoxOfficeReply>(command, askTimeout, cancellation);
            }
            catch (AskTimeoutException)
            {
                reply = null;
                continue;
            }
            if (reply is not Rejected { Reason: RejectionReason.Unavailable })
            {
                return (reply, attempt);
            }
        }
        return (reply, MaxAttempts - 1);
    }
}
