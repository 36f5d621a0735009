using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.Serialization;

/// <summary>
/// Writes the box office's journal events and snapshots as JSON under stable manifests ("tickets-issued/1", ...).
/// The stored form is the DTOs below, never CLR type names, so renaming or moving a C# type does not break
/// recovery. A change of the stored form gets a new manifest version; the old one stays readable. Optional fields
/// added later to a version (the sales window, the snapshot's holds, cancels and check-ins) are left out when null, so
/// what was stored before they existed reads the same and is written the same.
/// </summary>
public sealed class BoxOfficeSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;
    public const string EventCreatedManifest = "event-created/1";
    public const string TicketsIssuedManifest = "tickets-issued/1";
    public const string SnapshotManifest = "box-office-snapshot/1";
    public const string EventBatchManifest = "event-batch/1";
    public const string TicketsHeldManifest = "tickets-held/1";
    public const string HoldConfirmedManifest = "hold-confirmed/1";
    public const string HoldReleasedManifest = "hold-released/1";
    public const string HoldExpiredManifest = "hold-expired/1";
    public const string TicketsCancelledManifest = "tickets-cancelled/1";
    public const string TicketCheckedInManifest = "ticket-checked-in/1";
    public const string SalesClosedManifest = "sales-closed/1";
    public const string CapacityChangedManifest = "capacity-changed/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EventCreated => EventCreatedManifest,
        TicketsIssued => TicketsIssuedManifest,
        BoxOfficeSnapshot => SnapshotManifest,
        EventBatch => EventBatchManifest,
        TicketsHeld => TicketsHeldManifest,
        HoldConfirmed => HoldConfirmedManifest,
        HoldReleased => HoldReleasedManifest,
        HoldExpired => HoldExpiredManifest,
        TicketsCancelled => TicketsCancelledManifest,
        TicketCheckedIn => TicketCheckedInManifest,
        SalesClosed => SalesClosedManifest,
        CapacityChanged => CapacityChangedManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a box office event or snapshot", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        EventCreated e => Write(new EventCreatedV1(ToDto(e.Definition), e.CreatedAt)),
        TicketsIssued e => Write(new TicketsIssuedV1(e.OrderNumber, e.RequestId, e.BuyerId, e.Category,
            [.. e.Tickets.Select(t => new TicketV1(t.Serial, t.Code))], e.IssuedAt)),
        BoxOfficeSnapshot s => Write(ToDto(s)),
        TicketsHeld e => Write(new TicketsHeldV1(e.HoldId, e.RequestId, e.BuyerId, e.Category, e.Quantity, e.HeldAt, e.ExpiresAt)),
        HoldConfirmed e => Write(new HoldConfirmedV1(e.HoldId, e.OrderNumber, e.Category,
            [.. e.Tickets.Select(t => new TicketV1(t.Serial, t.Code))], e.ConfirmedAt)),
        HoldReleased e => Write(new HoldEndedV1(e.HoldId, e.At)),
        HoldExpired e => Write(new HoldEndedV1(e.HoldId, e.At)),
        TicketsCancelled e => Write(new TicketsCancelledV1(e.OrderNumber, e.Serials, e.At)),
        TicketCheckedIn e => Write(new TicketCheckedInV1(e.Serial, e.Code, e.At)),
        SalesClosed e => Write(new SalesClosedV1(e.At)),
        CapacityChanged e => Write(new CapacityChangedV1(e.Category, e.Capacity, e.At)),
        EventBatch b => WriteBatch(b),
        _ => throw new ArgumentException($"{obj.GetType()} is not a box office event or snapshot", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        EventCreatedManifest => Read<EventCreatedV1>(bytes) is var e ? new EventCreated(FromDto(e.Definition), e.CreatedAt) : null!,
        TicketsIssuedManifest => Read<TicketsIssuedV1>(bytes) is var e
            ? new TicketsIssued(e.OrderNumber, e.RequestId, e.BuyerId, e.Category,
                [.. e.Tickets.Select(t => new Ticket(t.Serial, t.Code, e.Category))], e.IssuedAt)
            : null!,
        SnapshotManifest => FromDto(Read<SnapshotV1>(bytes)),
        TicketsHeldManifest => Read<TicketsHeldV1>(bytes) is var e
            ? new TicketsHeld(e.HoldId, e.RequestId, e.BuyerId, e.Category, e.Quantity, e.HeldAt, e.ExpiresAt)
            : null!,
        HoldConfirmedManifest => Read<HoldConfirmedV1>(bytes) is var e
            ? new HoldConfirmed(e.HoldId, e.OrderNumber, e.Category, [.. e.Tickets.Select(t => new Ticket(t.Serial, t.Code, e.Category))], e.ConfirmedAt)
            : null!,
        HoldReleasedManifest => Read<HoldEndedV1>(bytes) is var e ? new HoldReleased(e.HoldId, e.At) : null!,
        HoldExpiredManifest => Read<HoldEndedV1>(bytes) is var e ? new HoldExpired(e.HoldId, e.At) : null!,
        TicketsCancelledManifest => Read<TicketsCancelledV1>(bytes) is var e ? new TicketsCancelled(e.OrderNumber, e.Serials, e.At) : null!,
        TicketCheckedInManifest => Read<TicketCheckedInV1>(bytes) is var e ? new TicketCheckedIn(e.Serial, e.Code, e.At) : null!,
        SalesClosedManifest => Read<SalesClosedV1>(bytes) is var e ? new SalesClosed(e.At) : null!,
        CapacityChangedManifest => Read<CapacityChangedV1>(bytes) is var e ? new CapacityChanged(e.Category, e.Capacity, e.At) : null!,
        EventBatchManifest => ReadBatch(bytes),
        _ => throw new SerializationException($"unknown box office manifest '{manifest}'"),
    };

    /// <summary>
    /// A batch is a JSON array of <c>{"manifest": ..., "event": ...}</c>, each event in exactly the stored form it has
    /// on its own, so a batch holds nothing a single entry could not.
    /// </summary>
    private byte[] WriteBatch(EventBatch batch)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(batch.Events.Count * 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var @event in batch.Events)
            {
                writer.WriteStartObject();
                writer.WriteString("manifest", Manifest(@event));
                writer.WritePropertyName("event");
                writer.WriteRawValue(ToBinary(@event), skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private EventBatch ReadBatch(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var events = new List<IBoxOfficeEvent>(document.RootElement.GetArrayLength());
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var manifest = entry.GetProperty("manifest").GetString() ?? throw new SerializationException("a batch entry without a manifest");
            if (manifest is EventBatchManifest or SnapshotManifest)
            {
                throw new SerializationException($"a batch cannot hold '{manifest}'");
            }
            var payload = System.Text.Encoding.UTF8.GetBytes(entry.GetProperty("event").GetRawText());
            events.Add((IBoxOfficeEvent)FromBinary(payload, manifest));
        }
        return new EventBatch(events);
    }

    private static byte[] Write<T>(T dto) => JsonSerializer.SerializeToUtf8Bytes(dto, Json);

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new SerializationException($"empty {typeof(T).Name}");

    private static EventDefinitionV1 ToDto(EventDefinition d) =>
        new(d.Id, d.Name, d.StartsAt, [.. d.Categories.Select(c => new CategoryV1(c.Name, c.Capacity, c.Price.MinorUnits, c.Price.Currency, c.Limit))],
            d.SalesOpenAt, d.SalesCloseAt);

    private static EventDefinition FromDto(EventDefinitionV1 d) =>
        new(d.Id, d.Name, d.StartsAt, [.. d.Categories.Select(c => new TicketCategory(c.Name, c.Capacity, new Money(c.Price, c.Currency), c.Limit))],
            d.SalesOpenAt, d.SalesCloseAt);

    private static SnapshotV1 ToDto(BoxOfficeSnapshot s) => new(
        s.Event is null ? null : ToDto(s.Event),
        [.. s.Sales.Select(x => new CategorySalesV1(x.Category, x.Sold, x.Held, x.Capacity))],
        s.LastSerial,
        s.LastOrderNumber,
        [.. s.Tickets.Select(t => new SnapshotTicketV1(t.Serial, t.Code, t.Category))],
        [.. s.Buyers.Select(b => new BuyerTicketsV1(b.BuyerId, b.Category, b.Count))],
        [.. s.RecentOrders.Select(ToDto)],
        s.OtherOrders is null ? null : [.. s.OtherOrders.Select(ToDto)],
        s.Holds is null ? null : [.. s.Holds.Select(h => new HoldV1(h.HoldId, h.RequestId, h.BuyerId, h.Category, h.Quantity, h.HeldAt, h.ExpiresAt,
            StatusName(h.Status), h.OrderNumber, h.EndedAt))],
        s.CancelledSerials is null ? null : [.. s.CancelledSerials],
        s.CheckIns is null ? null : [.. s.CheckIns.Select(c => new CheckInV1(c.Serial, c.At))],
        s.SalesClosedAt);

    private static BoxOfficeSnapshot FromDto(SnapshotV1 s) => new(
        s.Event is null ? null : FromDto(s.Event),
        [.. s.Sales.Select(x => new CategorySales(x.Category, x.Sold, x.Held, x.Capacity))],
        s.LastSerial,
        s.LastOrderNumber,
        [.. s.Tickets.Select(t => new Ticket(t.Serial, t.Code, t.Category))],
        [.. s.Buyers.Select(b => new BuyerTickets(b.BuyerId, b.Category, b.Count))],
        [.. s.RecentOrders.Select(FromDto)],
        s.OtherOrders is { } others ? [.. others.Select(FromDto)] : null,
        s.Holds is { } holds ? [.. holds.Select(h => new TicketHold(h.HoldId, h.RequestId, h.BuyerId, h.Category, h.Quantity, h.HeldAt, h.ExpiresAt,
            StatusOf(h.Status), h.OrderNumber, h.EndedAt))] : null,
        s.CancelledSerials is { } cancelled ? [.. cancelled] : null,
        s.CheckIns is { } checkIns ? [.. checkIns.Select(c => new TicketCheckIn(c.Serial, c.At))] : null,
        s.SalesClosedAt);

    private static OrderV1 ToDto(OrderSummary o) => new(o.Number, o.RequestId, o.BuyerId, o.Category, o.FirstSerial, o.Quantity, o.IssuedAt);

    private static OrderSummary FromDto(OrderV1 o) => new(o.Number, o.RequestId, o.BuyerId, o.Category, o.FirstSerial, o.Quantity, o.IssuedAt);

    /// <summary>Hold states are stored by name, not by enum number, so reordering the enum cannot change stored meaning.</summary>
    private static string StatusName(HoldStatus status) => status switch
    {
        HoldStatus.Live => "live",
        HoldStatus.Confirmed => "confirmed",
        HoldStatus.Released => "released",
        HoldStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown hold status"),
    };

    private static HoldStatus StatusOf(string name) => name switch
    {
        "live" => HoldStatus.Live,
        "confirmed" => HoldStatus.Confirmed,
        "released" => HoldStatus.Released,
        "expired" => HoldStatus.Expired,
        _ => throw new SerializationException($"unknown hold status '{name}'"),
    };

    // The stored form, version 1. Change these only by adding a version 2 next to them, or an optional field that is
    // left out when null (older records read as null).
    private sealed record EventCreatedV1(EventDefinitionV1 Definition, DateTimeOffset CreatedAt);
    private sealed record EventDefinitionV1(string Id, string Name, DateTimeOffset StartsAt, ImmutableArray<CategoryV1> Categories,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SalesOpenAt = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SalesCloseAt = null);
    private sealed record CategoryV1(string Name, int Capacity, long Price, string Currency, int Limit);
    private sealed record TicketsIssuedV1(int OrderNumber, string RequestId, string BuyerId, string Category, ImmutableArray<TicketV1> Tickets, DateTimeOffset IssuedAt);
    private sealed record TicketV1(int Serial, string Code);
    private sealed record SnapshotV1(EventDefinitionV1? Event, ImmutableArray<CategorySalesV1> Sales, int LastSerial, int LastOrderNumber,
        ImmutableArray<SnapshotTicketV1> Tickets, ImmutableArray<BuyerTicketsV1> Buyers, ImmutableArray<OrderV1> RecentOrders,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<OrderV1>? OtherOrders = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<HoldV1>? Holds = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<int>? CancelledSerials = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<CheckInV1>? CheckIns = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SalesClosedAt = null);
    private sealed record CategorySalesV1(string Category, int Sold, int Held,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Capacity = null);
    private sealed record SnapshotTicketV1(int Serial, string Code, string Category);
    private sealed record BuyerTicketsV1(string BuyerId, string Category, int Count);
    private sealed record OrderV1(int Number, string RequestId, string BuyerId, string Category, int FirstSerial, int Quantity, DateTimeOffset IssuedAt);
    private sealed record HoldV1(string HoldId, string RequestId, string BuyerId, string Category, int Quantity, DateTimeOffset HeldAt, DateTimeOffset ExpiresAt,
        string Status, int? OrderNumber, DateTimeOffset? EndedAt);
    private sealed record CheckInV1(int Serial, DateTimeOffset At);
    private sealed record TicketsHeldV1(string HoldId, string RequestId, string BuyerId, string Category, int Quantity, DateTimeOffset HeldAt, DateTimeOffset ExpiresAt);
    private sealed record HoldConfirmedV1(string HoldId, int OrderNumber, string Category, ImmutableArray<TicketV1> Tickets, DateTimeOffset ConfirmedAt);
    private sealed record HoldEndedV1(string HoldId, DateTimeOffset At);
    private sealed record TicketsCancelledV1(int OrderNumber, ImmutableArray<int> Serials, DateTimeOffset At);
    private sealed record TicketCheckedInV1(int Serial, string Code, DateTimeOffset At);
    private sealed record SalesClosedV1(DateTimeOffset At);
    private sealed record CapacityChangedV1(string Category, int Capacity, DateTimeOffset At);
}
