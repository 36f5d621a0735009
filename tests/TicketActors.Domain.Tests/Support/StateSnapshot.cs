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
        Limits = [.. state.Stock.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.Category.Limit))];
        LastSerial = state.LastSerial;
        LastOrderNumber = state.LastOrderNumber;
        Orders = [.. state.OrdersByRequestId.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value))];
        OrdersByNumber = [.. state.OrdersByNumber.OrderBy(o => o.Key).Select(o => o.Value)];
        Tickets = [.. state.TicketsByCode.Values.OrderBy(t => t.Serial)];
        TicketsPerBuyer = [.. state.TicketsPerBuyer.OrderBy(b => b.Key.BuyerId, StringComparer.Ordinal).ThenBy(b => b.Key.Category, StringComparer.Ordinal)];
        Holds = [.. state.Holds.Values.OrderBy(h => h.HoldId, StringComparer.Ordinal)];
        CancelledSerials = [.. state.CancelledSerials.Order()];
        CheckIns = [.. state.CheckIns.OrderBy(c => c.Key)];
        SalesClosedAt = state.SalesClosedAt;
        NextHoldExpiry = state.NextHoldExpiry;
    }

    public EventDefinition? Event { get; }
    public CategoryAvailability[] Availability { get; }
    public (string Category, int Limit)[] Limits { get; }
    public int LastSerial { get; }
    public int LastOrderNumber { get; }
    public (string RequestId, Order Order)[] Orders { get; }
    public Order[] OrdersByNumber { get; }
    public Ticket[] Tickets { get; }
    public KeyValuePair<BuyerCategory, int>[] TicketsPerBuyer { get; }
    public TicketHold[] Holds { get; }
    public int[] CancelledSerials { get; }
    public KeyValuePair<int, DateTimeOffset>[] CheckIns { get; }
    public DateTimeOffset? SalesClosedAt { get; }
    public DateTimeOffset? NextHoldExpiry { get; }

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
        Equal(Availability, other.Availability);
        Equal(Limits, other.Limits);
        Assert.Equal(LastSerial, other.LastSerial);
        Assert.Equal(LastOrderNumber, other.LastOrderNumber);
        Equal(Orders.Select(o => o.RequestId), other.Orders.Select(o => o.RequestId));
        for (var i = 0; i < Orders.Length; i++)
        {
            OrderAssert.Same(Orders[i].Order, other.Orders[i].Order);
        }
        Equal(OrdersByNumber.Select(o => o.Number), other.OrdersByNumber.Select(o => o.Number));
        for (var i = 0; i < OrdersByNumber.Length; i++)
        {
            OrderAssert.Same(OrdersByNumber[i], other.OrdersByNumber[i]);
        }
        Equal(Tickets, other.Tickets);
        Equal(TicketsPerBuyer, other.TicketsPerBuyer);
        Equal(Holds, other.Holds);
        Equal(CancelledSerials, other.CancelledSerials);
        Equal(CheckIns, other.CheckIns);
        Assert.Equal(SalesClosedAt, other.SalesClosedAt);
        Assert.Equal(NextHoldExpiry, other.NextHoldExpiry);
    }

    /// <summary>Assert.Equal's message when they differ, a plain comparison when they do not (the property test compares thousands).</summary>
    private static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual)
    {
        if (!expected.SequenceEqual(actual))
        {
            Assert.Equal(expected, actual);
        }
    }
}

public static class OrderAssert
{
    /// <summary>Field by field, tickets by value (records compare <c>ImmutableArray</c>s by reference).</summary>
    public static void Same(Order expected, Order actual)
    {
        if ((expected.Number, expected.RequestId, expected.BuyerId, expected.Category, expected.IssuedAt) ==
            (actual.Number, actual.RequestId, actual.BuyerId, actual.Category, actual.IssuedAt) &&
            expected.Tickets.SequenceEqual(actual.Tickets))
        {
            return;
        }
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.BuyerId, actual.BuyerId);
        Assert.Equal(expected.Category, actual.Category);
        Assert.Equal(expected.Tickets.ToArray(), actual.Tickets.ToArray());
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
    }
}
