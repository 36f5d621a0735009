using System.Net.Http.Json;
using TicketActors.Api.Events;
using TicketActors.Api.Tests.Support;
using TicketActors.Testing;

namespace TicketActors.Api.Tests;

/// <summary>The service end to end on the production store: a throwaway PostgreSQL 15 server, a rush, a restart, retries.</summary>
public sealed class PostgresSpec : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ThrowawayPostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await ThrowawayPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Twenty_buyers_for_five_tickets_on_postgres_buy_exactly_five_and_after_a_restart_every_retry_gets_its_original_order()
    {
        var settings = new Dictionary<string, string?> { ["TicketActors:Store"] = "postgres", ["TicketActors:Connection"] = _postgres.ConnectionString() };
        List<(string Key, string Buyer, string Body)> sold;
        await using (var api = await ApiHost.StartAsync(_folder.Path, settings))
        {
            await api.Tickets.CreatedEventAsync("pg-rush", capacity: 5, limit: 1);
            var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
            {
                using var response = await api.Tickets.PurchaseAsync("pg-rush", $"key-{i}", $"buyer-{i}", 1);
                return ((int)response.StatusCode, Key: $"key-{i}", Buyer: $"buyer-{i}", Body: await response.Content.ReadAsStringAsync());
            }));
            sold = [.. outcomes.Where(o => o.Item1 == 201).Select(o => (o.Key, o.Buyer, o.Body))];
            Assert.Equal(5, sold.Count);
            Assert.Equal(15, outcomes.Count(o => o.Item1 == 409));
        }

        await using var restarted = await ApiHost.StartAsync(_folder.Path, settings);
        Assert.Equal(["pg-rush"], (await restarted.Http.GetFromJsonAsync<List<EventResponse>>("/events", TicketsClient.Json))!.Select(e => e.Id));
        var availability = await restarted.Tickets.AvailabilityAsync("pg-rush");
        Assert.Equal((5, 0, 0), (availability.Sold, availability.Held, availability.Available));
        foreach (var (key, buyer, body) in sold)
        {
            Assert.Equal(body, (await restarted.Tickets.PurchasedAsync("pg-rush", key, buyer, 1)).Body);
        }
        var late = await Problem.ReadAsync(await restarted.Tickets.PurchaseAsync("pg-rush", "key-late", "late-buyer", 1));
        Assert.Equal((409, "sold-out"), (late.Status, late.Code));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "tickets.db")) || File.Exists(_folder.DatabaseFile), "the postgres run wrote a SQLite file");
    }
}
