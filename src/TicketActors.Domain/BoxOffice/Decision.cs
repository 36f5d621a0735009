using System.Collections.Immutable;

namespace TicketActors.Domain.BoxOffice;

/// <summary>
/// What the box office decided for one command: the reply, and the events to store before that reply may be sent.
/// A decision without events changes nothing.
/// </summary>
public sealed record Decision(IBoxOfficeReply Reply, ImmutableArray<IBoxOfficeEvent> Events)
{
    public bool IsAccepted => Reply is not Rejected;

    public static Decision ReplyOnly(IBoxOfficeReply reply) => new(reply, []);

    public static Decision Persist(IBoxOfficeReply reply, IBoxOfficeEvent @event) => new(reply, [@event]);
}

/// <summary>What a decision may depend on besides the state: the time and a source of ticket codes.</summary>
public sealed record DecisionContext(DateTimeOffset Now, Tickets.ITicketCodeGenerator Codes);
