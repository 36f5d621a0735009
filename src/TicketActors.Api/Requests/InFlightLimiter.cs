namespace TicketActors.Api.Requests;

/// <summary>
/// Counts the requests of each event that wait for its box office. Past the limit a request is refused at once (503
/// with Retry-After) instead of queueing: a box office that cannot keep up sheds load, and memory stays bounded by
/// the limit. An event without requests in flight has no entry, so the table holds only busy events.
/// </summary>
public sealed class InFlightLimiter(int limitPerEvent)
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int LimitPerEvent => limitPerEvent;

    /// <summary>A lease to dispose when the request is answered, or null when the event is at its limit.</summary>
    public Lease? TryEnter(string eventId)
    {
        lock (_lock)
        {
            var count = _inFlight.GetValueOrDefault(eventId);
            if (count >= limitPerEvent)
            {
                return null;
            }
            _inFlight[eventId] = count + 1;
        }
        return new Lease(this, eventId);
    }

    private void Exit(string eventId)
    {
        lock (_lock)
        {
            var count = _inFlight[eventId] - 1;
            if (count == 0)
            {
                _inFlight.Remove(eventId);
            }
            else
            {
                _inFlight[eventId] = count;
            }
        }
    }

    public sealed class Lease(InFlightLimiter limiter, string eventId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.Exit(eventId);
            }
        }
    }
}
