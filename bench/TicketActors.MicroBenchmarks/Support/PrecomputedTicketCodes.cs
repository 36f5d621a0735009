using TicketActors.Domain.Tickets;

namespace TicketActors.MicroBenchmarks.Support;

/// <summary>
/// Hands out codes drawn before the measurement, in order, so a benchmark sees the decision's own cost without the
/// RNG and the string it builds per code. The domain allows it: codes come from the <see cref="ITicketCodeGenerator"/>
/// of the decision context.
/// </summary>
public sealed class PrecomputedTicketCodes(string[] codes) : ITicketCodeGenerator
{
    private int _next;

    public string NewCode() =>
        _next < codes.Length
            ? codes[_next++]
            : throw new InvalidOperationException($"the {codes.Length} precomputed ticket codes are used up");

    /// <summary>From the first code again, for a new state that has issued none of them.</summary>
    public void Rewind() => _next = 0;
}
