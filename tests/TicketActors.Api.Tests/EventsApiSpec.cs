using System.Net;
using System.Net.Http.Json;
using TicketActors.Api.Events;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>Creating, listing and reading events: the organiser key, idempotent creates, and a catalogue that survives a restart.</summary>
public sealed class EventsApiSpec : IAsyncLifetime
{
    private const string SpringGala = """{"id":"spring-gala","name":"Spring Gala","categories":[{"name":"general","capacity":100,"price":2500,"currency":"EUR","limit":4}]}""";
    private readonly TempFolder _folder = new();
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(_folder.Path);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_issue_body_creates_the_event_with_201_and_its_location_and_the_event_is_listed_and_readable()
    {
        using var created = await PostAsync(SpringGala, ApiHost.AdminKey);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/events/spring-gala", created.Headers.Location?.ToString());
        var gala = (await created.Content.ReadFromJsonAsync<EventResponse>(TicketsClient.Json))!;
        Assert.Equal(("spring-gala", "Spring Gala", (DateTimeOffset?)null), (gala.Id, gala.Name, gala.StartsAt));
        Assert.Equal([new CategoryResponse("general", 100, 2500, "EUR", 4)], gala.Categories);

        var listed = await _api.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json);
        Assert.Equal(["spring-gala"], listed!.Select(e => e.Id));
        var read = await _api.Http.GetFromJsonAsync<EventResponse>("/events/spring-gala", TicketsClient.Json);
        Assert.Equal(gala.Categories, read!.Categories);
        Assert.Equal((gala.Id, gala.Name, gala.StartsAt, gala.CreatedAt), (read.Id, read.Name, read.StartsAt, read.CreatedAt));
        var availability = await _api.Tickets.AvailabilityAsync("spring-gala");
        Assert.Equal((100, 0, 0, 100), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public async Task The_same_definition_again_answers_200_with_the_listed_event_and_another_definition_409()
    {
        var body = new { id = "gala", name = "Gala", startsAt = "2027-06-01T20:00:00+02:00", categories = new[] { TicketsClient.Category(), TicketsClient.Category("vip", 10, 9900, "EUR", 2) } };
        using var first = await _api.Tickets.CreateEventAsync(body);
        using var again = await _api.Tickets.CreateEventAsync(body);
        using var other = await _api.Tickets.CreateEventAsync(new { id = "gala", name = "Gala", categories = new[] { TicketsClient.Category(capacity: 5) } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var conflict = await Problem.ReadAsync(other);
        Assert.Equal((409, "event-already-exists"), (conflict.Status, conflict.Code));
        var gala = await _api.Http.GetFromJsonAsync<EventResponse>("/events/gala", TicketsClient.Json);
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 18, 0, 0, TimeSpan.Zero), gala!.StartsAt);
        Assert.Equal(["general", "vip"], gala.Categories.Select(c => c.Name));
        Assert.Equal(110, (await _api.Tickets.AvailabilityAsync("gala")).Capacity);
    }

    [Theory]
    [InlineData(null, 401, "missing-api-key")]
    [InlineData("", 401, "missing-api-key")]
    [InlineData("organiser-key-for-specs-but-longer", 401, "invalid-api-key")]
    [InlineData("ORGANISER-KEY-FOR-SPECS", 401, "invalid-api-key")]
    public async Task Creating_without_the_organiser_key_is_refused_and_creates_nothing(string? key, int status, string code)
    {
        using var response = await PostAsync(SpringGala, key);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((status, code), (problem.Status, problem.Code));
        Assert.Empty((await _api.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json))!);
        var unknown = await Problem.ReadAsync(await _api.Http.GetAsync(new Uri("/events/spring-gala/availability", UriKind.Relative)));
        Assert.Equal((404, "unknown-event"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task An_event_this_service_did_not_create_is_404_unknown_event_on_every_route()
    {
        foreach (var path in new[] { "/events/no-such-event", "/events/no-such-event/availability", "/events/no-such-event/availability/stream" })
        {
            var problem = await Problem.ReadAsync(await _api.Http.GetAsync(new Uri(path, UriKind.Relative)));
            Assert.Equal((404, "unknown-event"), (problem.Status, problem.Code));
        }
        var purchase = await Problem.ReadAsync(await _api.Tickets.PurchaseAsync("no-such-event", "k-1", "alice", 1));
        Assert.Equal((404, "unknown-event"), (purchase.Status, purchase.Code));
    }

    [Fact]
    public async Task Events_and_their_sales_survive_a_restart_of_the_service_on_the_same_data_folder()
    {
        await _api.Tickets.CreatedEventAsync("encore", capacity: 10);
        var (order, body) = await _api.Tickets.PurchasedAsync("encore", "k-encore-1", "alice", 3);
        await _api.DisposeAsync();
        Assert.True(File.Exists(_folder.DatabaseFile), $"no SQLite file at {_folder.DatabaseFile} (TicketActors:DataDir)");

        _api = await ApiHost.StartAsync(_folder.Path);

        Assert.Equal(["encore"], (await _api.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json))!.Select(e => e.Id));
        Assert.Equal(3, (await _api.Tickets.AvailabilityAsync("encore")).Sold);
        var (retried, retriedBody) = await _api.Tickets.PurchasedAsync("encore", "k-encore-1", "alice", 3);
        Assert.Equal(body, retriedBody);
        Assert.Equal([1, 2, 3], retried.Tickets.Select(t => t.Serial));
        Assert.Equal(order.Tickets, retried.Tickets);
        Assert.Equal(3, (await _api.Tickets.AvailabilityAsync("encore")).Sold);
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string? key)
    {
        var headers = key is null ? [] : new[] { ("X-Api-Key", key) };
        return await _api.Tickets.SendRawAsync(HttpMethod.Post, "/events", "application/json", TicketsClient.Utf8(json), headers);
    }
}

/// <summary>With no organiser key configured the organiser routes are closed, whatever key is sent.</summary>
public sealed class OrganiserRoutesClosedSpec
{
    [Theory]
    [InlineData(null)]
    [InlineData("organiser-key-for-specs")]
    public async Task Without_a_configured_key_creating_an_event_answers_403_and_the_buyer_routes_still_work(string? key)
    {
        using var folder = new TempFolder();
        await using var api = await ApiHost.StartAsync(folder.Path, new Dictionary<string, string?> { ["TicketActors:AdminKey"] = null, ["TicketActors:Store"] = "memory" });

        using var response = await api.Tickets.CreateEventAsync(new { id = "gala", name = "Gala", categories = new[] { TicketsClient.Category() } }, key);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((403, "organiser-routes-disabled"), (problem.Status, problem.Code));
        Assert.Empty((await api.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json))!);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);
    }
}
