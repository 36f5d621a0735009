using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Serialization;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Serialization;

/// <summary>
/// A group commit's journal entry: <c>event-batch/1</c>, a JSON array of <c>{"manifest", "event"}</c> in which every
/// event has exactly the stored form it has on its own.
/// </summary>
public sealed class EventBatchSerializationSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly EventDefinition Gala = new("gala", "Spring gala", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.Zero),
        [new TicketCategory("general", 10, new Money(2500, "EUR"), 4)]);

    private BoxOfficeSerializer Serializer => new((ExtendedActorSystem)Sys);

    [Fact]
    public void A_batch_round_trips_its_events_in_order()
    {
        var batch = new EventBatch([new EventCreated(Gala, At), Sale(1, "r-1", serial: 1), Sale(2, "r-2", serial: 3, quantity: 2)]);

        var back = Assert.IsType<EventBatch>(Serializer.FromBinary(Serializer.ToBinary(batch), Serializer.Manifest(batch)));

        Assert.Equal(3, back.Events.Count);
        Assert.True(Gala.SameAs(Assert.IsType<EventCreated>(back.Events[0]).Definition));
        var sales = back.Events.Skip(1).Cast<TicketsIssued>().ToList();
        Assert.Equal(["r-1", "r-2"], sales.Select(s => s.RequestId));
        Assert.Equal([new Ticket(1, "code-1", "general"), new Ticket(3, "code-3", "general"), new Ticket(4, "code-4", "general")],
            sales.SelectMany(s => s.Tickets));
    }

    [Fact]
    public void A_batch_is_stored_as_event_batch_v1_with_each_event_in_its_own_stored_form()
    {
        var sale = Sale(1, "r-1", serial: 1);
        var batch = new EventBatch([sale, Sale(2, "r-2", serial: 2)]);

        var json = Encoding.UTF8.GetString(Serializer.ToBinary(batch));

        Assert.Equal("event-batch/1", Serializer.Manifest(batch));
        Assert.StartsWith($$"""[{"manifest":"tickets-issued/1","event":{{Encoding.UTF8.GetString(Serializer.ToBinary(sale))}}},{"manifest":"tickets-issued/1","event":""", json, StringComparison.Ordinal);
        Assert.IsType<BoxOfficeSerializer>(Sys.Serialization.FindSerializerFor(batch));
    }

    [Theory]
    [InlineData("""[{"manifest":"box-office-snapshot/1","event":{}}]""", "'box-office-snapshot/1'")]
    [InlineData("""[{"manifest":"event-batch/1","event":[]}]""", "'event-batch/1'")]
    [InlineData("""[{"manifest":"tickets-issued/9","event":{}}]""", "'tickets-issued/9'")]
    public void A_batch_holding_something_that_is_not_a_box_office_event_does_not_read(string json, string named)
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes(json), "event-batch/1"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_event_is_stored_as_itself_and_several_as_a_batch()
    {
        var sale = Sale(1, "r-1", serial: 1);

        Assert.Same(sale, EventBatch.Store([sale]));
        Assert.Equal([sale, sale], Assert.IsType<EventBatch>(EventBatch.Store([sale, sale])).Events);
        Assert.Equal([sale], EventBatch.Unpack(sale));
    }

    private static TicketsIssued Sale(int order, string requestId, int serial, int quantity = 1) =>
        new(order, requestId, $"buyer-{order}", "general",
            [.. Enumerable.Range(serial, quantity).Select(s => new Ticket(s, $"code-{s}", "general"))], At);
}
