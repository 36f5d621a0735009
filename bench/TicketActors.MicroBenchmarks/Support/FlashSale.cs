using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.MicroBenchmarks.Support;

/// <summary>The events, states and commands the micro-benchmarks sell from: one category, one ticket per purchase.</summary>
public static class FlashSale
{
    public const string Category = "general";

    /// <summary>The decision time of every benchmark: the domain takes the clock from the caller, so it is fixed here.</summary>
    public static readonly DateTimeOffset Now = new(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An event of <paramref name="capacity"/> tickets, at most 4 per buyer, as the console and the service sell them.</summary>
    public static EventDefinition Event(string id, int capacity) =>
        new(id, $"Flash sale {id}", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
            [new TicketCategory(Category, capacity, new Money(5_000, "EUR"), Math.Min(4, capacity))]);

    /// <summary>A state whose event is created, the way the box office does it: decide the creation, apply its event.</summary>
    public static BoxOfficeState Created(EventDefinition definition, DecisionContext context)
    {
        var state = new BoxOfficeState();
        DecideAndApply(state, new CreateEvent(definition), context, expected: typeof(EventAccepted));
        return state;
    }

    /// <summary>One command as the box office handles it: decide, then apply what the decision stores.</summary>
    public static Decision DecideAndApply(BoxOfficeState state, IBoxOfficeCommand command, DecisionContext context, Type expected)
    {
        var decision = state.Decide(command, context);
        if (decision.Reply.GetType() != expected)
        {
            throw new InvalidOperationException($"expected {expected.Name} for {command}, got {decision.Reply}");
        }
        foreach (var @event in decision.Events)
        {
            state.Apply(@event);
        }
        return decision;
    }

    /// <summary>A one-ticket purchase by buyer number <paramref name="buyer"/>: a fresh request id and a fresh buyer each.</summary>
    public static Purchase OneTicket(string eventId, int buyer) =>
        new(eventId, $"req-{buyer:D8}", $"buyer-{buyer:D8}", Category, 1);

    /// <summary>Real ticket codes (22 URL-safe characters of 128 random bits), drawn up front.</summary>
    public static string[] RealCodes(int count)
    {
        var generator = new CryptoTicketCodes();
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = generator.NewCode();
        }
        return codes;
    }
}
