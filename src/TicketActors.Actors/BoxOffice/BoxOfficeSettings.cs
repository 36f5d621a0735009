using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.BoxOffice;

/// <summary>What every box office is given: the clock its decisions read, and where its ticket codes come from.</summary>
public sealed record BoxOfficeSettings(TimeProvider Clock, Func<ITicketCodeGenerator> NewCodeGenerator)
{
    public static BoxOfficeSettings Default { get; } = new(TimeProvider.System, () => new CryptoTicketCodes());
}
