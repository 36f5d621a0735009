using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.Tests.Support;

/// <summary>"code-1", "code-2", ...: makes ticket codes exact in assertions.</summary>
public sealed class SequentialTicketCodes : ITicketCodeGenerator
{
    public int Drawn { get; private set; }

    public string NewCode() => $"code-{++Drawn}";
}

/// <summary>Returns the given codes in order (repeats included) and fails loudly when asked for more.</summary>
public sealed class ScriptedTicketCodes(params string[] codes) : ITicketCodeGenerator
{
    public int Drawn { get; private set; }

    public string NewCode() =>
        Drawn < codes.Length
            ? codes[Drawn++]
            : throw new InvalidOperationException($"the script of {codes.Length} ticket codes is used up");
}

/// <summary>Draws from a small pool of codes, so the same code comes back often: the box office must retry.</summary>
public sealed class CollidingTicketCodes(int seed, int poolSize) : ITicketCodeGenerator
{
    private readonly Random _random = new(seed);

    public string NewCode() => $"pool-{_random.Next(poolSize)}";
}
