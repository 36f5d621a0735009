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

    public static TheoryData<IBoxOfficeEvent, string> SalesEvents() => new()
    {
        { new TicketsHeld("h-abc", "req-9", "noah", "vip", 2, At, At.AddMinutes(10)), "tickets-held/1" },
        { new HoldConfirmed("h-abc", 8, "vip", [new Ticket(14, "code-14", "vip"), new Ticket(15, "code-15", "vip")], At.AddMinutes(3)), "hold-confirmed/1" },
        { new HoldReleased("h-abc", At.AddMinutes(4)), "hold-released/1" },
        { new HoldExpired("h-abc", At.AddMinutes(10)), "hold-expired/1" },
        { new TicketsCancelled(7, [12, 13], At.AddDays(1)), "tickets-cancelled/1" },
        { new TicketCheckedIn(12, "code-12", At.AddDays(30)), "ticket-checked-in/1" },
        { new SalesClosed(At.AddHours(5)), "sales-closed/1" },
        { new CapacityChanged("general", 25, At.AddHours(1)), "capacity-changed/1" },
    };

    [Theory]
    [MemberData(nameof(SalesEvents))]
    public void Every_sales_event_round_trips_under_its_stable_manifest(IBoxOfficeEvent stored, string manifest)
    {
        var serializer = Serializer;

        var bytes = serializer.ToBinary(stored);
        var back = serializer.FromBinary(bytes, manifest);

        Assert.Equal(manifest, serializer.Manifest(stored));
        Assert.Equal(stored.GetType(), back.GetType());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(stored, stored.GetType()), System.Text.Json.JsonSerializer.Serialize(back, back.GetType()));
        Assert.DoesNotContain("TicketActors", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.IsType<BoxOfficeSerializer>(Sys.Serialization.FindSerializerFor(stored));
    }

    [Fact]
    public void A_HoldConfirmed_reads_back_with_its_tickets_in_the_holds_category()
    {
        var confirmed = new HoldConfirmed("h-abc", 8, "vip", [new Ticket(14, "code-14", "vip")], At);

        var back = Assert.IsType<HoldConfirmed>(RoundTrip(confirmed));

        Assert.Equal([new Ticket(14, "code-14", "vip")], back.Tickets.ToArray());
        Assert.Equal(("h-abc", 8, "vip", At), (back.HoldId, back.OrderNumber, back.Category, back.ConfirmedAt));
    }

    [Fact]
    public void An_EventCreated_with_a_sales_window_round_trips_it_and_one_without_writes_no_window_fields()
    {
        var windowed = Gala with { SalesOpenAt = At, SalesCloseAt = At.AddDays(7).ToOffset(TimeSpan.FromHours(2)) };

        var back = Assert.IsType<EventCreated>(RoundTrip(new EventCreated(windowed, At)));
        var plain = Encoding.UTF8.GetString(Serializer.ToBinary(new EventCreated(Gala, At)));

        Assert.True(windowed.SameAs(back.Definition), $"read {back.Definition}");
        Assert.Equal((At, At.AddDays(7)), (back.Definition.SalesOpenAt, back.Definition.SalesCloseAt));
        Assert.Equal(TimeSpan.FromHours(2), back.Definition.SalesCloseAt!.Value.Offset);
        Assert.DoesNotContain("sales", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_with_holds_cancels_check_ins_a_changed_capacity_and_closed_sales_round_trips_to_the_same_state()
    {
        var state = StateWithSales();

        var snapshot = Assert.IsType<BoxOfficeSnapshot>(RoundTrip(state.ToSnapshot()));
        var restored = BoxOfficeState.FromSnapshot(snapshot);

        Assert.Equal(
            [new CategoryAvailability("general", 12, 7, 2, 3, 1), new CategoryAvailability("vip", 4, 3, 0, 1)],
            restored.Availability().Categories.ToArray());
        Assert.Equal(state.Availability().Categories.ToArray(), restored.Availability().Categories.ToArray());
        Assert.Equal(state.Holds.Values.OrderBy(h => h.HoldId, StringComparer.Ordinal), restored.Holds.Values.OrderBy(h => h.HoldId, StringComparer.Ordinal));
        Assert.Equal([HoldStatus.Confirmed, HoldStatus.Released, HoldStatus.Expired, HoldStatus.Live],
            new[] { "h-code-10", "h-code-11", "h-code-12", "h-code-15" }.Select(id => restored.Holds[id].Status));
        Assert.Equal(At.AddMinutes(20), restored.NextHoldExpiry);
        Assert.Equal([2], restored.CancelledSerials.ToArray());
        Assert.Equal([new Ticket(10, "code-13", "general"), new Ticket(11, "code-14", "general")], restored.OrdersByNumber[6].Tickets.ToArray());
        Assert.Equal([new KeyValuePair<int, DateTimeOffset>(1, At.AddMinutes(3))], restored.CheckIns.ToArray());
        Assert.Equal(At.AddMinutes(4), restored.SalesClosedAt);
        Assert.Equal(state.OrdersByNumber.Keys.Order(), restored.OrdersByNumber.Keys.Order());
        foreach (var (number, order) in state.OrdersByNumber)
        {
            Assert.Equal(order.Tickets.ToArray(), restored.OrdersByNumber[number].Tickets.ToArray());
            Assert.Equal((order.RequestId, order.BuyerId, order.IssuedAt), (restored.OrdersByNumber[number].RequestId, restored.OrdersByNumber[number].BuyerId, restored.OrdersByNumber[number].IssuedAt));
        }
        Assert.Equal(state.TicketsPerBuyer.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal), restored.TicketsPerBuyer.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal));
        Assert.Empty(restored.InvariantViolations());
        var confirmAgain = restored.Decide(new Confirm("gala", "h-code-10"), new DecisionContext(At.AddHours(1), new SequentialCodes()));
        Assert.Empty(confirmAgain.Events);
        Assert.Equal(state.OrdersByNumber[6].Tickets.ToArray(), Assert.IsType<Purchased>(confirmAgain.Reply).Order.Tickets.ToArray());
    }

    [Fact]
    public void A_snapshot_without_holds_cancels_check_ins_or_changes_writes_none_of_the_fields_that_came_with_them()
    {
        var stored = Encoding.UTF8.GetString(Serializer.ToBinary(StateWithOrders().ToSnapshot()));

        foreach (var field in new[] { "otherOrders", "holds", "cancelledSerials", "checkIns", "salesClosedAt", "capacity\":null", "salesOpenAt" })
        {
            Assert.DoesNotContain(field, stored, StringComparison.Ordinal);
        }
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
        object[] stored = [new EventCreated(Gala, At), Issued(), StateWithOrders().ToSnapshot(), StateWithSales().ToSnapshot()];

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

    /// <summary>
    /// <see cref="StateWithOrders"/> (codes code-1..9, orders 1-5), then: general raised to 12; serial 2 of ann's order 1
    /// cancelled; h-code-10 (eve, 2 general) confirmed at 09:01 as order 6 (serials 10-11, code-13 and code-14);
    /// h-code-11 released; h-code-12 expired at 09:02; h-code-15 (gus, 2 general) live until 09:20; ticket 1 checked in
    /// at 09:03; sales closed at 09:04.
    /// </summary>
    private static BoxOfficeState StateWithSales()
    {
        var state = StateWithOrders();
        var context = new DecisionContext(At, new SequentialCodes(9));
        Apply(state, new ChangeCapacity("gala", "general", 12), context);
        Apply(state, new Cancel("gala", "ann", 1, [2]), context);
        Apply(state, new Hold("gala", "h-1", "eve", "general", 2, TimeSpan.FromMinutes(10)), context);
        Apply(state, new Hold("gala", "h-2", "fay", "general", 1, TimeSpan.FromMinutes(10)), context);
        Apply(state, new Hold("gala", "h-3", "gil", "general", 1, TimeSpan.FromMinutes(1)), context);
        Apply(state, new Confirm("gala", "h-code-10"), context with { Now = At.AddMinutes(1) });
        Apply(state, new Release("gala", "h-code-11"), context with { Now = At.AddMinutes(1) });
        Apply(state, new ExpireHolds("gala"), context with { Now = At.AddMinutes(2) });
        Apply(state, new Hold("gala", "h-4", "gus", "general", 2, TimeSpan.FromMinutes(18)), context with { Now = At.AddMinutes(2) });
        Apply(state, new CheckIn("gala", "code-1"), context with { Now = At.AddMinutes(3) });
        Apply(state, new CloseSales("gala"), context with { Now = At.AddMinutes(4) });
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

    private sealed class SequentialCodes(int drawn = 0) : ITicketCodeGenerator
    {
        private int _drawn = drawn;

        public string NewCode() => $"code-{++_drawn}";
    }
}
