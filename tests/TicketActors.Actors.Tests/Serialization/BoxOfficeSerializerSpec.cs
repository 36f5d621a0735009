using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using TicketActors.Actors.Serialization;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Serialization;

/// <summary>
/// The journal's stored form: JSON under stable manifests, bound to serializer 4711. The golden byte strings are
/// what the serializer writes today; they keep journals written by this version readable after C# types are renamed.
/// </summary>
public sealed class BoxOfficeSerializerSpec(ITestOutputHelper output) : BoxOfficeTestKit(output)
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly EventDefinition Gala = new("gala", "Spring gala", new DateTimeOffset(2027, 6, 1, 20, 0, 0, TimeSpan.FromHours(2)),
        [new TicketCategory("general", 10, new Money(2500, "EUR"), 4), new TicketCategory("vip", 4, new Money(9900, "EUR"), 2)]);

    /// <summary>A stored <c>tickets-issued/1</c> event, byte for byte as the v1 serializer wrote it (fixture journal-v1.db, golden/3).</summary>
    private const string TicketsIssuedV1Json =
        """{"orderNumber":2,"requestId":"r-2","buyerId":"bob","category":"vip","tickets":[{"serial":3,"code":"LdCrE50JpKcN4vWLgTTkKQ"}],"issuedAt":"2026-12-03T17:05:12.5927216+00:00"}""";

    /// <summary>A stored <c>event-created/1</c> event (fixture journal-v1.db, golden/1).</summary>
    private const string EventCreatedV1Json =
        """{"definition":{"id":"golden","name":"Golden golden","startsAt":"2027-03-14T19:30:00+00:00","categories":[{"name":"general","capacity":10,"price":2500,"currency":"EUR","limit":4},{"name":"vip","capacity":4,"price":9900,"currency":"EUR","limit":2}]},"createdAt":"2026-12-03T17:05:11.8000272+00:00"}""";

    /// <summary>A stored <c>box-office-snapshot/1</c> (fixture journal-v1.db, snapshot of golden-snap at 3).</summary>
    private const string SnapshotV1Json =
        """{"event":{"id":"golden-snap","name":"Golden golden-snap","startsAt":"2027-03-14T19:30:00+00:00","categories":[{"name":"general","capacity":10,"price":2500,"currency":"EUR","limit":4},{"name":"vip","capacity":4,"price":9900,"currency":"EUR","limit":2}]},"sales":[{"category":"general","sold":3,"held":0},{"category":"vip","sold":2,"held":0}],"lastSerial":5,"lastOrderNumber":2,"tickets":[{"serial":1,"code":"jYa6Yfli0HHBnnl0Ul2WSA","category":"general"},{"serial":2,"code":"DferxwK0iYd6-4WwRuuP-g","category":"general"},{"serial":3,"code":"VC0B71w8p6wyXFrEYhbItA","category":"general"},{"serial":4,"code":"KReAYL_ebB7IRsWGPO1YeA","category":"vip"},{"serial":5,"code":"Lies9tpH5gPMMAPdSp7yFg","category":"vip"}],"buyers":[{"buyerId":"eve","category":"general","count":3},{"buyerId":"fay","category":"vip","count":2}],"recentOrders":[{"number":1,"requestId":"s-1","buyerId":"eve","category":"general","firstSerial":1,"quantity":3,"issuedAt":"2026-12-03T17:05:13.8593829+00:00"},{"number":2,"requestId":"s-2","buyerId":"fay","category":"vip","firstSerial":4,"quantity":2,"issuedAt":"2026-12-03T17:05:13.8651473+00:00"}]}""";

    private BoxOfficeSerializer Serializer => new((ExtendedActorSystem)Sys);

    [Fact]
    public void The_manifests_are_the_stable_strings_not_CLR_type_names()
    {
        Assert.Equal("event-created/1", Serializer.Manifest(new EventCreated(Gala, At)));
        Assert.Equal("tickets-issued/1", Serializer.Manifest(Issued()));
        Assert.Equal("box-office-snapshot/1", Serializer.Manifest(StateWithOrders().ToSnapshot()));
        Assert.Equal((4711, "event-created/1", "tickets-issued/1", "box-office-snapshot/1"),
            (BoxOfficeSerializer.Id, BoxOfficeSerializer.EventCreatedManifest, BoxOfficeSerializer.TicketsIssuedManifest, BoxOfficeSerializer.SnapshotManifest));
    }

    [Fact]
    public void An_EventCreated_round_trips()
    {
        var created = new EventCreated(Gala, At);

        var back = Assert.IsType<EventCreated>(RoundTrip(created));

        Assert.True(Gala.SameAs(back.Definition), "the definition changed in the round trip");
        Assert.Equal(Gala.StartsAt.Offset, back.Definition.StartsAt.Offset);
        Assert.Equal(At, back.CreatedAt);
    }

    [Fact]
    public void A_TicketsIssued_with_several_tickets_round_trips()
    {
        var issued = Issued();

        var back = Assert.IsType<TicketsIssued>(RoundTrip(issued));

        Assert.Equal((7, "req-7", "noah", "vip", At), (back.OrderNumber, back.RequestId, back.BuyerId, back.Category, back.IssuedAt));
        Assert.Equal(issued.Tickets.ToArray(), back.Tickets.ToArray());
    }

    [Fact]
    public void A_snapshot_of_a_state_with_orders_in_several_categories_round_trips_to_the_same_state()
    {
        var state = StateWithOrders();

        var back = Assert.IsType<BoxOfficeSnapshot>(RoundTrip(state.ToSnapshot()));
        var restored = BoxOfficeState.FromSnapshot(back);

        Assert.True(Gala.SameAs(restored.Event!), "the event definition changed in the round trip");
        Assert.Equal(state.Availability().Categories.ToArray(), restored.Availability().Categories.ToArray());
        Assert.Equal((9, 5), (restored.LastSerial, restored.LastOrderNumber));
        Assert.Equal((state.LastSerial, state.LastOrderNumber), (restored.LastSerial, restored.LastOrderNumber));
        Assert.Equal(["r-1", "r-2", "r-3", "r-4", "r-5"], restored.OrdersByRequestId.Keys.Order(StringComparer.Ordinal));
        foreach (var (requestId, order) in state.OrdersByRequestId)
        {
            var copy = restored.OrdersByRequestId[requestId];
            Assert.Equal((order.Number, order.RequestId, order.BuyerId, order.Category, order.IssuedAt),
                (copy.Number, copy.RequestId, copy.BuyerId, copy.Category, copy.IssuedAt));
            Assert.Equal(order.Tickets.ToArray(), copy.Tickets.ToArray());
        }
        Assert.Equal(state.TicketsByCode.OrderBy(t => t.Key, StringComparer.Ordinal), restored.TicketsByCode.OrderBy(t => t.Key, StringComparer.Ordinal));
        Assert.Equal(9, restored.TicketsByCode.Count);
        Assert.Equal(state.TicketsPerBuyer.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal), restored.TicketsPerBuyer.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal));
        Assert.Equal(3, restored.TicketsPerBuyer[new BuyerCategory("ann", "general")]);
        Assert.Empty(restored.InvariantViolations());
    }

    [Fact]
    public void A_snapshot_of_an_event_not_yet_created_round_trips()
    {
        var back = Assert.IsType<BoxOfficeSnapshot>(RoundTrip(new BoxOfficeState().ToSnapshot()));

        Assert.Null(back.Event);
        Assert.Equal((0, 0, 0, 0, 0, 0), (back.Sales.Count, back.LastSerial, back.LastOrderNumber, back.Tickets.Count, back.Buyers.Count, back.RecentOrders.Count));
    }

    [Theory]
    [InlineData("tickets-issued/2")]
    [InlineData("TicketActors.Domain.BoxOffice.TicketsIssued, TicketActors.Domain")]
    [InlineData("")]
    public void An_unknown_manifest_throws_a_SerializationException(string manifest)
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes(TicketsIssuedV1Json), manifest));

        Assert.Contains($"'{manifest}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Golden_a_stored_tickets_issued_v1_reads_as_the_event_it_was()
    {
        var issued = Assert.IsType<TicketsIssued>(Serializer.FromBinary(Encoding.UTF8.GetBytes(TicketsIssuedV1Json), "tickets-issued/1"));

        Assert.Equal((2, "r-2", "bob", "vip"), (issued.OrderNumber, issued.RequestId, issued.BuyerId, issued.Category));
        Assert.Equal([new Ticket(3, "LdCrE50JpKcN4vWLgTTkKQ", "vip")], issued.Tickets.ToArray());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 17, 5, 12, TimeSpan.Zero).AddTicks(5927216), issued.IssuedAt);
    }

    [Fact]
    public void Golden_a_tickets_issued_event_is_still_written_as_v1()
    {
        var issued = new TicketsIssued(2, "r-2", "bob", "vip", [new Ticket(3, "LdCrE50JpKcN4vWLgTTkKQ", "vip")],
            new DateTimeOffset(2026, 12, 3, 17, 5, 12, TimeSpan.Zero).AddTicks(5927216));

        Assert.Equal(TicketsIssuedV1Json, Encoding.UTF8.GetString(Serializer.ToBinary(issued)));
    }

    [Fact]
    public void Golden_a_stored_event_created_v1_reads_as_the_event_it_was_and_is_still_written_the_same()
    {
        var created = Assert.IsType<EventCreated>(Serializer.FromBinary(Encoding.UTF8.GetBytes(EventCreatedV1Json), "event-created/1"));

        var expected = new EventDefinition("golden", "Golden golden", new DateTimeOffset(2027, 3, 14, 19, 30, 0, TimeSpan.Zero),
            [new TicketCategory("general", 10, new Money(2500, "EUR"), 4), new TicketCategory("vip", 4, new Money(9900, "EUR"), 2)]);
        Assert.True(expected.SameAs(created.Definition), $"read {created.Definition}");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 17, 5, 11, TimeSpan.Zero).AddTicks(8000272), created.CreatedAt);
        Assert.Equal(EventCreatedV1Json, Encoding.UTF8.GetString(Serializer.ToBinary(created)));
    }

    [Fact]
    public void Golden_a_stored_snapshot_v1_restores_the_state_it_was_taken_from_and_is_still_written_the_same()
    {
        var snapshot = Assert.IsType<BoxOfficeSnapshot>(Serializer.FromBinary(Encoding.UTF8.GetBytes(SnapshotV1Json), "box-office-snapshot/1"));
        var state = BoxOfficeState.FromSnapshot(snapshot);

        Assert.Equal([new("general", 10, 3, 0, 7), new CategoryAvailability("vip", 4, 2, 0, 2)], state.Availability().Categories.ToArray());
        Assert.Equal((5, 2), (state.LastSerial, state.LastOrderNumber));
        Assert.Equal([new(4, "KReAYL_ebB7IRsWGPO1YeA", "vip"), new Ticket(5, "Lies9tpH5gPMMAPdSp7yFg", "vip")], state.OrdersByRequestId["s-2"].Tickets.ToArray());
        Assert.Equal(["DferxwK0iYd6-4WwRuuP-g", "VC0B71w8p6wyXFrEYhbItA", "jYa6Yfli0HHBnnl0Ul2WSA"],
            state.OrdersByRequestId["s-1"].Tickets.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal((3, 2), (state.TicketsPerBuyer[new BuyerCategory("eve", "general")], state.TicketsPerBuyer[new BuyerCategory("fay", "vip")]));
        Assert.Equal(SnapshotV1Json, Encoding.UTF8.GetString(Serializer.ToBinary(snapshot)));
    }

    [Fact]
    public void Akka_serializes_events_and_snapshots_with_serializer_4711_not_Newtonsoft()
    {
        object[] stored = [new EventCreated(Gala, At), Issued(), StateWithOrders().ToSnapshot()];

        foreach (var value in stored)
        {
            var serializer = Sys.Serialization.FindSerializerFor(value);

            Assert.IsType<BoxOfficeSerializer>(serializer);
            Assert.Equal(4711, serializer.Identifier);
            Assert.IsNotType<NewtonSoftJsonSerializer>(serializer);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, value);
            Assert.DoesNotContain("TicketActors", manifest, StringComparison.Ordinal);
            var back = Sys.Serialization.Deserialize(serializer.ToBinary(value), 4711, manifest);
            Assert.Equal(value.GetType(), back.GetType());
        }
    }

    private object RoundTrip(object value)
    {
        var serializer = Serializer;
        return serializer.FromBinary(serializer.ToBinary(value), serializer.Manifest(value));
    }

    private static TicketsIssued Issued() =>
        new(7, "req-7", "noah", "vip", [new Ticket(12, "code-12", "vip"), new Ticket(13, "code-13", "vip")], At);

    /// <summary>gala: ann 2+1 general, bob 1 vip, cid 2 vip, dan 3 general; request ids r-1 .. r-5.</summary>
    private static BoxOfficeState StateWithOrders()
    {
        var state = new BoxOfficeState();
        var context = new DecisionContext(At, new SequentialCodes());
        Apply(state, new CreateEvent(Gala), context);
        Apply(state, new Purchase("gala", "r-1", "ann", "general", 2), context);
        Apply(state, new Purchase("gala", "r-2", "bob", "vip", 1), context);
        Apply(state, new Purchase("gala", "r-3", "cid", "vip", 2), context);
        Apply(state, new Purchase("gala", "r-4", "ann", "general", 1), context with { Now = At.AddMinutes(1) });
        Apply(state, new Purchase("gala", "r-5", "dan", "general", 3), context with { Now = At.AddMinutes(2) });
        return state;
    }

    private static void Apply(BoxOfficeState state, IBoxOfficeCommand command, DecisionContext context)
    {
        var decision = state.Decide(command, context);
        Assert.True(decision.IsAccepted, $"{command} was refused: {decision.Reply}");
        foreach (var @event in decision.Events)
        {
            state.Apply(@event);
        }
    }

    private sealed class SequentialCodes : ITicketCodeGenerator
    {
        private int _drawn;

        public string NewCode() => $"code-{++_drawn}";
    }
}
