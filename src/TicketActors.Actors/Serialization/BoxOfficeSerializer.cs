using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text.Json;
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
/// recovery. A change of the stored form gets a new manifest version; the old one stays readable.
/// </summary>
public sealed class BoxOfficeSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;
    public const string EventCreatedManifest = "event-created/1";
    public const string TicketsIssuedManifest = "tickets-issued/1";
    public const string SnapshotManifest = "box-office-snapshot/1";
    public const string EventBatchManifest = "event-batch/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EventCreated => EventCreatedManifest,
        TicketsIssued => TicketsIssuedManifest,
        BoxOfficeSnapshot => SnapshotManifest,
        EventBatch => EventBatchManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a box office event or snapshot", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        EventCreated e => JsonSerializer.SerializeToUtf8Bytes(new EventCreatedV1(ToDto(e.Definition), e.CreatedAt), Json),
        TicketsIssued e => JsonSerializer.SerializeToUtf8Bytes(new TicketsIssuedV1(e.OrderNumber, e.RequestId, e.BuyerId, e.Category,
            [.. e.Tickets.Select(t => new TicketV1(t.Serial, t.Code))], e.IssuedAt), Json),
        BoxOfficeSnapshot s => JsonSerializer.SerializeToUtf8Bytes(ToDto(s), Json),
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

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new SerializationException($"empty {typeof(T).Name}");

    private static EventDefinitionV1 ToDto(EventDefinition d) =>
        new(d.Id, d.Name, d.StartsAt, [.. d.Categories.Select(c => new CategoryV1(c.Name, c.Capacity, c.Price.MinorUnits, c.Price.Currency, c.Limit))]);

    private static EventDefinition FromDto(EventDefinitionV1 d) =>
        new(d.Id, d.Name, d.StartsAt, [.. d.Categories.Select(c => new TicketCategory(c.Name, c.Capacity, new Money(c.Price, c.Currency), c.Limit))]);

    private static SnapshotV1 ToDto(BoxOfficeSnapshot s) => new(
        s.Event is null ? null : ToDto(s.Event),
        [.. s.Sales.Select(x => new CategorySalesV1(x.Category, x.Sold, x.Held))],
        s.LastSerial,
        s.LastOrderNumber,
        [.. s.Tickets.Select(t => new SnapshotTicketV1(t.Serial, t.Code, t.Category))],
        [.. s.Buyers.Select(b => new BuyerTicketsV1(b.BuyerId, b.Category, b.Count))],
        [.. s.RecentOrders.Select(o => new OrderV1(o.Number, o.RequestId, o.BuyerId, o.Category, o.FirstSerial, o.Quantity, o.IssuedAt))]);

    private static BoxOfficeSnapshot FromDto(SnapshotV1 s) => new(
        s.Event is null ? null : FromDto(s.Event),
        [.. s.Sales.Select(x => new CategorySales(x.Category, x.Sold, x.Held))],
        s.LastSerial,
        s.LastOrderNumber,
        [.. s.Tickets.Select(t => new Ticket(t.Serial, t.Code, t.Category))],
        [.. s.Buyers.Select(b => new BuyerTickets(b.BuyerId, b.Category, b.Count))],
        [.. s.RecentOrders.Select(o => new OrderSummary(o.Number, o.RequestId, o.BuyerId, o.Category, o.FirstSerial, o.Quantity, o.IssuedAt))]);

    // The stored form, version 1. Change these only by adding a version 2 next to them.
    private sealed record EventCreatedV1(EventDefinitionV1 Definition, DateTimeOffset CreatedAt);
    private sealed record EventDefinitionV1(string Id, string Name, DateTimeOffset StartsAt, ImmutableArray<CategoryV1> Categories);
    private sealed record CategoryV1(string Name, int Capacity, long Price, string Currency, int Limit);
    private sealed record TicketsIssuedV1(int OrderNumber, string RequestId, string BuyerId, string Category, ImmutableArray<TicketV1> Tickets, DateTimeOffset IssuedAt);
    private sealed record TicketV1(int Serial, string Code);
    private sealed record SnapshotV1(EventDefinitionV1? Event, ImmutableArray<CategorySalesV1> Sales, int LastSerial, int LastOrderNumber,
        ImmutableArray<SnapshotTicketV1> Tickets, ImmutableArray<BuyerTicketsV1> Buyers, ImmutableArray<OrderV1> RecentOrders);
    private sealed record CategorySalesV1(string Category, int Sold, int Held);
    private sealed record SnapshotTicketV1(int Serial, string Code, string Category);
    private sealed record BuyerTicketsV1(string BuyerId, string Category, int Count);
    private sealed record OrderV1(int Number, string RequestId, string BuyerId, string Category, int FirstSerial, int Quantity, DateTimeOffset IssuedAt);
}
