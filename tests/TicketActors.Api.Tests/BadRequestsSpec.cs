using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using TicketActors.Api.Events;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>
/// Bad input gets a clear 4xx and changes nothing (CASES C10): each row of the table is sent to a service whose event
/// <c>c10</c> (capacity 55, 10 per buyer) has 50 tickets sold, and must get its status and problem code while the
/// availability, the journal (row count of the SQLite file) and the list of events stay exactly as they were.
/// </summary>
public sealed class BadRequestsSpec(BadRequestsSpec.SoldFiftyOfFiftyFive service) : IClassFixture<BadRequestsSpec.SoldFiftyOfFiftyFive>
{
    private const string Event = "c10";

    /// <summary>The code of a row that Kestrel refuses before the app sees it (a malformed request line): a bare 400, no problem body.</summary>
    private const string RefusedByKestrel = "";

    private static readonly Dictionary<string, BadRequest> Table = BuildTable();

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_its_4xx_problem_and_changes_nothing(string name)
    {
        var bad = Table[name];
        var before = await service.StateAsync();

        using var response = await service.Api.Tickets.SendRawAsync(bad.Method, bad.Path, bad.ContentType, bad.Body, bad.Headers);

        if (bad.Code == RefusedByKestrel)
        {
            Assert.Equal(bad.Status, (int)response.StatusCode);
            Assert.Equal(before, await service.StateAsync());
            return;
        }
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((bad.Status, bad.Code), (problem.Status, problem.Code));
        if (bad.Available is { } available)
        {
            Assert.Equal(available, problem.Body.GetProperty("available").GetInt32());
        }
        Assert.Equal(before, await service.StateAsync());
    }

    [Fact]
    public void The_table_has_at_least_fifty_rows() => Assert.True(Table.Count >= 50, $"{Table.Count} rows");

    [Fact]
    public async Task After_every_bad_request_the_box_office_still_sells()
    {
        var (order, _) = await service.Api.Tickets.PurchasedAsync("c10-after", "k-after", "after-buyer", 2);
        Assert.Equal([1, 2], order.Tickets.Select(t => t.Serial));
    }

    /// <summary>One row: what is sent, and the status and code it must get (and <c>available</c> for stock refusals).</summary>
    public sealed record BadRequest(HttpMethod Method, string Path, string? ContentType, byte[]? Body, (string, string)[] Headers, int Status, string Code, int? Available = null);

    private static Dictionary<string, BadRequest> BuildTable()
    {
        var table = new Dictionary<string, BadRequest>();
        var key = 0;
        (string, string)[] FreshKey() => [("Idempotency-Key", $"bad-request-{++key}")];
        void Purchase(string name, string json, int status, string code, int? available = null) =>
            table.Add($"purchase: {name}", new(HttpMethod.Post, $"/events/{Event}/purchases", "application/json", TicketsClient.Utf8(json), FreshKey(), status, code, available));
        void PurchaseWith(string name, string? contentType, byte[]? body, (string, string)[] headers, int status, string code, string path = $"/events/{Event}/purchases") =>
            table.Add($"purchase: {name}", new(HttpMethod.Post, path, contentType, body, headers, status, code));
        void CreateEvent(string name, string json, int status, string code, string? apiKey = ApiHost.AdminKey) =>
            table.Add($"create event: {name}", new(HttpMethod.Post, "/events", "application/json", TicketsClient.Utf8(json),
                apiKey is null ? [] : [("X-Api-Key", apiKey)], status, code));
        static string Buy(string buyerId = "\"zoe\"", string category = "\"general\"", string quantity = "1") =>
            $$"""{"buyerId":{{buyerId}},"category":{{category}},"quantity":{{quantity}}}""";
        static string Gala(string id = "\"gala-2\"", string name = "\"Gala\"", string categories = """[{"name":"general","capacity":100,"price":2500,"currency":"EUR","limit":4}]""", string extra = "") =>
            $$"""{"id":{{id}},"name":{{name}},"categories":{{categories}}{{extra}}}""";
        static string Category(string capacity = "100", string price = "2500", string currency = "\"EUR\"", string limit = "4", string name = "\"general\"") =>
            $$"""[{"name":{{name}},"capacity":{{capacity}},"price":{{price}},"currency":{{currency}},"limit":{{limit}}}]""";
        var valid = TicketsClient.Utf8(Buy());
        var longText = new string('x', 10_000);

        // The Idempotency-Key header
        PurchaseWith("no Idempotency-Key", "application/json", valid, [], 400, "missing-idempotency-key");
        PurchaseWith("empty Idempotency-Key", "application/json", valid, [("Idempotency-Key", "")], 400, "missing-idempotency-key");
        PurchaseWith("blank Idempotency-Key", "application/json", valid, [("Idempotency-Key", "   ")], 400, "missing-idempotency-key");
        PurchaseWith("Idempotency-Key of 129 characters", "application/json", valid, [("Idempotency-Key", new string('k', 129))], 400, "invalid-idempotency-key");
        PurchaseWith("Idempotency-Key of 8,000 characters", "application/json", valid, [("Idempotency-Key", new string('k', 8_000))], 400, "invalid-idempotency-key");
        PurchaseWith("two Idempotency-Key headers", "application/json", valid, [("Idempotency-Key", "k-a"), ("Idempotency-Key", "k-b")], 400, "invalid-idempotency-key");
        PurchaseWith("Idempotency-Key with a comma", "application/json", valid, [("Idempotency-Key", "k-a,k-b")], 400, "invalid-idempotency-key");
        PurchaseWith("Idempotency-Key with a tab inside", "application/json", valid, [("Idempotency-Key", "k\tk")], 400, "invalid-idempotency-key");

        // Not JSON
        PurchaseWith("text/plain body", "text/plain", valid, FreshKey(), 415, "unsupported-media-type");
        PurchaseWith("no content type", null, valid, FreshKey(), 415, "unsupported-media-type");
        PurchaseWith("form-encoded body", "application/x-www-form-urlencoded", TicketsClient.Utf8("buyerId=zoe&category=general&quantity=1"), FreshKey(), 415, "unsupported-media-type");
        PurchaseWith("XML body", "application/xml", TicketsClient.Utf8("<purchase quantity=\"1\"/>"), FreshKey(), 415, "unsupported-media-type");
        PurchaseWith("empty body", "application/json", [], FreshKey(), 400, "invalid-body");
        Purchase("malformed JSON", "{bad", 400, "invalid-body");
        Purchase("truncated JSON", """{"buyerId":"zoe","category":"general","quantity":1""", 400, "invalid-body");
        Purchase("JSON null", "null", 400, "invalid-body");
        Purchase("JSON array", "[]", 400, "invalid-body");
        Purchase("JSON number", "42", 400, "invalid-body");
        Purchase("JSON string", "\"buy\"", 400, "invalid-body");
        Purchase("trailing garbage", Buy() + " x", 400, "invalid-body");
        Purchase("a comment", "/* buy */" + Buy(), 400, "invalid-body");
        Purchase("single quotes", "{'buyerId':'zoe','category':'general','quantity':1}", 400, "invalid-body");
        Purchase("unknown field", Buy() [..^1] + ""","price":1}""", 400, "invalid-body");
        Purchase("quantity twice", Buy(quantity: "1,\"quantity\":5"), 400, "invalid-body");
        Purchase("deeply nested unknown field", Buy()[..^1] + ",\"x\":" + new string('[', 100) + new string(']', 100) + "}", 400, "invalid-body");

        // Quantity
        Purchase("quantity as a string", Buy(quantity: "\"3\""), 400, "invalid-body");
        Purchase("quantity 3.5", Buy(quantity: "3.5"), 400, "invalid-body");
        Purchase("quantity 3.0", Buy(quantity: "3.0"), 400, "invalid-body");
        Purchase("quantity null", Buy(quantity: "null"), 400, "invalid-body");
        Purchase("quantity missing", """{"buyerId":"zoe","category":"general"}""", 400, "invalid-body");
        Purchase("quantity 9999999999 (int overflow)", Buy(quantity: "9999999999"), 400, "invalid-body");
        Purchase("quantity 1e3", Buy(quantity: "1e3"), 400, "invalid-body");
        Purchase("quantity true", Buy(quantity: "true"), 400, "invalid-body");
        Purchase("quantity an object", Buy(quantity: "{}"), 400, "invalid-body");
        Purchase("quantity an array", Buy(quantity: "[1]"), 400, "invalid-body");
        Purchase("quantity 0", Buy(quantity: "0"), 400, "invalid-quantity");
        Purchase("quantity -0", Buy(quantity: "-0"), 400, "invalid-quantity");
        Purchase("quantity -1", Buy(quantity: "-1"), 400, "invalid-quantity");
        Purchase("quantity -2147483648", Buy(quantity: "-2147483648"), 400, "invalid-quantity");
        Purchase("quantity 2147483647", Buy(quantity: "2147483647"), 400, "limit-exceeded");
        Purchase("quantity 11 over the limit of 10", Buy(quantity: "11"), 400, "limit-exceeded");
        Purchase("quantity 6 with 5 left", Buy(quantity: "6"), 409, "insufficient-tickets", available: 5);

        // Buyer id
        Purchase("buyerId missing", """{"category":"general","quantity":1}""", 400, "invalid-body");
        Purchase("buyerId null", Buy(buyerId: "null"), 400, "invalid-body");
        Purchase("buyerId a number", Buy(buyerId: "42"), 400, "invalid-body");
        Purchase("buyerId empty", Buy(buyerId: "\"\""), 400, "invalid-request");
        Purchase("buyerId blank", Buy(buyerId: "\"   \""), 400, "invalid-request");
        Purchase("buyerId of 129 characters", Buy(buyerId: $"\"{new string('b', 129)}\""), 400, "invalid-request");
        Purchase("buyerId of 10,000 characters", Buy(buyerId: $"\"{longText}\""), 400, "invalid-request");
        Purchase("buyerId with NUL", Buy(buyerId: "\"zoe\\u0000\""), 400, "invalid-request");
        Purchase("buyerId with a line break", Buy(buyerId: "\"zoe\\nadmin\""), 400, "invalid-request");
        Purchase("buyerId a lone surrogate", Buy(buyerId: "\"\\ud800\""), 400, "invalid-body");
        Purchase("odd but valid unicode buyerId with quantity 0", Buy(buyerId: "\"z\u202Eo\u0301e \U0001F39F\uFE0F\"", quantity: "0"), 400, "invalid-quantity");

        // Category
        Purchase("category missing", """{"buyerId":"zoe","quantity":1}""", 400, "invalid-body");
        Purchase("category a number", Buy(category: "1"), 400, "invalid-body");
        Purchase("category unknown", Buy(category: "\"vip\""), 400, "unknown-category");
        Purchase("category in another case", Buy(category: "\"GENERAL\""), 400, "unknown-category");
        Purchase("category of 10,000 characters", Buy(category: $"\"{longText}\""), 400, "unknown-category");
        Purchase("category empty", Buy(category: "\"\""), 400, "invalid-request");
        Purchase("category with a control character", Buy(category: "\"gen\\u0007eral\""), 400, "invalid-request");

        // Size
        Purchase("body of 17 KiB", Buy(buyerId: $"\"{new string('b', 17 * 1024)}\""), 413, "payload-too-large");
        Purchase("body of 1 MiB", Buy(buyerId: $"\"{new string('b', 1024 * 1024)}\""), 413, "payload-too-large");

        // The event in the path
        PurchaseWith("an event that does not exist", "application/json", valid, FreshKey(), 404, "unknown-event", "/events/no-such-event/purchases");
        PurchaseWith("an event id with a space", "application/json", valid, FreshKey(), 404, "unknown-event", "/events/c10%20x/purchases");
        PurchaseWith("an event id of 65 characters", "application/json", valid, FreshKey(), 404, "unknown-event", $"/events/{new string('e', 65)}/purchases");
        PurchaseWith("an event id in unicode", "application/json", valid, FreshKey(), 404, "unknown-event", "/events/%C3%A9v%C3%A9nement/purchases");
        PurchaseWith("an event id with a NUL", "application/json", valid, FreshKey(), 400, RefusedByKestrel, "/events/c10%00/purchases");
        table.Add("purchase: GET instead of POST", new(HttpMethod.Get, $"/events/{Event}/purchases", null, null, [], 405, "method-not-allowed"));
        table.Add("event: PUT instead of POST", new(HttpMethod.Put, $"/events/{Event}", "application/json", TicketsClient.Utf8("{}"), [], 405, "method-not-allowed"));
        table.Add("a route that does not exist", new(HttpMethod.Get, "/tickets", null, null, [], 404, "not-found"));

        // Creating events
        CreateEvent("no organiser key", Gala(), 401, "missing-api-key", apiKey: null);
        CreateEvent("a wrong organiser key", Gala(), 401, "invalid-api-key", apiKey: "not-the-organiser-key");
        CreateEvent("capacity 0", Gala(categories: Category(capacity: "0")), 400, "invalid-event");
        CreateEvent("capacity -1", Gala(categories: Category(capacity: "-1")), 400, "invalid-event");
        CreateEvent("capacity 9999999999", Gala(categories: Category(capacity: "9999999999")), 400, "invalid-body");
        CreateEvent("limit above capacity", Gala(categories: Category(capacity: "10", limit: "11")), 400, "invalid-event");
        CreateEvent("limit 0", Gala(categories: Category(limit: "0")), 400, "invalid-event");
        CreateEvent("currency in lower case", Gala(categories: Category(currency: "\"eur\"")), 400, "invalid-event");
        CreateEvent("currency missing", Gala(categories: """[{"name":"general","capacity":100,"price":2500,"limit":4}]"""), 400, "invalid-body");
        CreateEvent("price negative", Gala(categories: Category(price: "-1")), 400, "invalid-event");
        CreateEvent("price with decimals", Gala(categories: Category(price: "25.00")), 400, "invalid-body");
        CreateEvent("id with a space", Gala(id: "\"gala 2\""), 400, "invalid-event");
        CreateEvent("id of 65 characters", Gala(id: $"\"{new string('g', 65)}\""), 400, "invalid-event");
        CreateEvent("name of 10,000 characters", Gala(name: $"\"{longText}\""), 400, "invalid-event");
        CreateEvent("name with NUL", Gala(name: "\"Gala\\u0000\""), 400, "invalid-event");
        CreateEvent("name blank", Gala(name: "\"  \""), 400, "invalid-event");
        CreateEvent("no categories", Gala(categories: "[]"), 400, "invalid-event");
        CreateEvent("a null category", Gala(categories: "[null]"), 400, "invalid-event");
        CreateEvent("a category twice", Gala(categories: Category()[..^1] + "," + Category()[1..]), 400, "invalid-event");
        CreateEvent("categories adding up to more than 10,000,000", Gala(categories: Category(capacity: "9000000", name: "\"a\"")[..^1] + "," + Category(capacity: "2000000", name: "\"b\"")[1..]), 400, "invalid-event");
        CreateEvent("category name with a slash", Gala(categories: Category(name: "\"gen/eral\"")), 400, "invalid-event");
        CreateEvent("startsAt not a date", Gala(extra: ",\"startsAt\":\"next friday\""), 400, "invalid-body");
        CreateEvent("a sales window field this version does not know", Gala(extra: ",\"salesOpenAt\":\"2027-01-01T00:00:00Z\""), 400, "invalid-body");
        CreateEvent("the existing event with another definition", Gala(id: $"\"{Event}\""), 409, "event-already-exists");
        CreateEvent("body of 17 KiB", Gala(name: $"\"{new string('n', 17 * 1024)}\""), 413, "payload-too-large");
        return table;
    }

    /// <summary>One service for the whole table: event c10 with 50 of 55 sold, and c10-after for the last check.</summary>
    public sealed class SoldFiftyOfFiftyFive : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();

        public ApiHost Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = await ApiHost.StartAsync(_folder.Path);
            await Api.Tickets.CreatedEventAsync(Event, capacity: 55, limit: 10);
            await Api.Tickets.CreatedEventAsync("c10-after", capacity: 5, limit: 5);
            for (var buyer = 1; buyer <= 5; buyer++)
            {
                await Api.Tickets.PurchasedAsync(Event, $"setup-{buyer}", $"buyer-{buyer}", 10);
            }
        }

        /// <summary>Everything a bad request must leave alone: availability, journal rows, listed events.</summary>
        public async Task<string> StateAsync()
        {
            var availability = await Api.Tickets.AvailabilityAsync(Event);
            var events = await Api.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json);
            using var connection = new SqliteConnection($"Data Source={_folder.DatabaseFile}");
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM journal";
            var rows = (long)count.ExecuteScalar()!;
            return $"{availability.Sold}/{availability.Held}/{availability.Available} " +
                $"[{string.Join(",", availability.Categories)}] journal rows {rows} events [{string.Join(",", events!.Select(e => e.Id))}]";
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            _folder.Dispose();
        }
    }
}
