using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Domain.Tests.Support;

/// <summary>Everything observable about a <see cref="BoxOfficeState"/>, copied, so that "nothing changed" can be asserted exactly.</summary>
public sealed class StateSnapshot
{
    private StateSnapshot(BoxOfficeState state)
    {
        Event = state.Event;
        Availability = [.. state.Availability().Categories];
        LastSerial = state.LastSerial;
        LastOrderNumber = state.LastOrderNumber;
        Orders = [.. state.OrdersByRequestId.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value))];
        Tickets = [.. state.TicketsByCode.Values.OrderBy(t => t.Serial)];
        TicketsPerBuyer = [.. state.TicketsPerBuyer.OrderBy(b => b.Key.BuyerId, StringComparer.Ordinal).ThenBy(b => b.Key.Category, StringComparer.Ordinal)];
    }

    public EventDefinition? Event { get; }
    public CategoryAvailability[] Availability { get; }
    public int LastSerial { get; }
    public int LastOrderNumber { get; }
    public (string RequestId, Order Order)[] Orders { get; }
    public Ticket[] Tickets { get; }
    public KeyValuePair<BuyerCategory, int>[] TicketsPerBuyer { get; }

    public static StateSnapshot Of(BoxOfficeState state) => new(state);

    public void AssertSameAs(StateSnapshot other)
    {
        Assert.Same(Event, other.Event);
        AssertSameSales(other);
    }

    /// <summary>The same, except that the event definition may be another (equal) instance, as after a replay from a journal.</summary>
    public void AssertEquivalentTo(StateSnapshot other)
    {
        Assert.True(Event is null ? other.Event is null : other.Event is not null && Event.SameAs(other.Event));
        AssertSameSales(other);
    }

    private void AssertSameSales(StateSnapshot other)
    {
        Assert.Equal(Availability, other.Availability);
        Assert.Equal(LastSerial, other.LastSerial);
        Assert.Equal(LastOrderNumber, other.LastOrderNumber);
        Assert.Equal(Orders.Select(o => o.RequestId), other.Orders.Select(o => o.RequestId));
        for (var i = 0; i < Orders.Length; i++)
        {
            OrderAssert.Same(Orders[i].Order, other.Orders[i].Order);
        }
        Assert.Equal(Tickets, other.Tickets);
        Assert.Equal(TicketsPerBuyer, other.TicketsPerBuyer);
    }
}

public static class OrderAssert
{
    /// <summary>Field by field, tickets by value (records compare <c>ImmutableArray</c>s by reference).</summary>
    public static void Same(Order expected, Order actual)
    {
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.BuyerId, actual.BuyerId);
        Assert.Equal(expected.Category, actual.Category);
        Assert.Equal(expected.Tickets.ToArray(), actual.Tickets.ToArray());
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
    }
}
