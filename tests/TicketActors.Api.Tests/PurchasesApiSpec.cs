using System.Net;
using System.Text.Json;
using TicketActors.Api.Purchases;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>Purchases over HTTP: the order, the Idempotency-Key rules (CASES C08), and races for the last tickets (C01, C02).</summary>
public sealed class PurchasesApiSpec : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(_folder.Path);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_purchase_answers_201_with_the_order_its_serials_and_unguessable_codes()
    {
        await _api.Tickets.CreatedEventAsync("gala", capacity: 10);

        using var response = await _api.Tickets.PurchaseAsync("gala", "9b2c6f3e-key-1", "alice", 3);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var order = JsonSerializer.Deserialize<OrderResponse>(await response.Content.ReadAsStringAsync(), TicketsClient.Json)!;
        Assert.Equal(("gala", 1, "9b2c6f3e-key-1", "alice", "general", 3), (order.EventId, order.OrderNumber, order.IdempotencyKey, order.BuyerId, order.Category, order.Quantity));
        Assert.Equal([1, 2, 3], order.Tickets.Select(t => t.Serial));
        Assert.All(order.Tickets, t => Assert.Matches("^[A-Za-z0-9_-]{22}$", t.Code));
        Assert.Equal(3, order.Tickets.Select(t => t.Code).Distinct().Count());
        var availability = await _api.Tickets.AvailabilityAsync("gala");
        Assert.Equal((10, 3, 0, 7), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public async Task C08_a_retry_with_the_same_key_returns_the_same_201_and_body_and_issues_nothing_while_another_body_gets_409()
    {
        await _api.Tickets.CreatedEventAsync("c08", capacity: 10);
        var (_, original) = await _api.Tickets.PurchasedAsync("c08", "K1", "noah", 2);
        await _api.Tickets.PurchasedAsync("c08", "K2", "olivia", 1);

        var (_, retried) = await _api.Tickets.PurchasedAsync("c08", "K1", "noah", 2);
        using var otherQuantity = await _api.Tickets.PurchaseAsync("c08", "K1", "noah", 3);
        using var otherBuyer = await _api.Tickets.PurchaseAsync("c08", "K1", "olivia", 2);
        using var noKey = await _api.Tickets.PurchaseAsync("c08", null, new { buyerId = "noah", category = "general", quantity = 2 });

        Assert.Equal(original, retried);
        foreach (var conflict in new[] { otherQuantity, otherBuyer })
        {
            var problem = await Problem.ReadAsync(conflict);
            Assert.Equal((409, "request-id-conflict"), (problem.Status, problem.Code));
        }
        var missing = await Problem.ReadAsync(noKey);
        Assert.Equal((400, "missing-idempotency-key"), (missing.Status, missing.Code));
        Assert.Equal(3, (await _api.Tickets.AvailabilityAsync("c08")).Sold);
    }

    [Fact]
    public async Task C08_five_concurrent_sends_of_one_key_make_one_order_and_all_five_get_its_body()
    {
        await _api.Tickets.CreatedEventAsync("c08-burst", capacity: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await _api.Tickets.PurchaseAsync("c08-burst", "K1", "noah", 2);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(201, r.Item1));
        Assert.Single(responses.Select(r => r.Item2).Distinct());
        Assert.Equal(2, (await _api.Tickets.AvailabilityAsync("c08-burst")).Sold);
    }

    [Fact]
    public async Task C01_fifty_concurrent_buyers_for_five_tickets_get_exactly_five_201_and_forty_five_sold_out_and_no_5xx()
    {
        await _api.Tickets.CreatedEventAsync("c01", capacity: 5, limit: 1);

        var statuses = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i =>
        {
            using var response = await _api.Tickets.PurchaseAsync("c01", $"key-{i}", $"buyer-{i}", 1);
            return response.StatusCode == HttpStatusCode.Created ? "201" : $"{(int)response.StatusCode} {(await Problem.ReadAsync(response)).Code}";
        }));

        Assert.Equal(5, statuses.Count(s => s == "201"));
        Assert.Equal(45, statuses.Count(s => s == "409 sold-out"));
        var availability = await _api.Tickets.AvailabilityAsync("c01");
        Assert.Equal((5, 0, 0), (availability.Sold, availability.Held, availability.Available));
    }

    [Fact]
    public async Task C02_two_buyers_of_six_for_ten_one_wins_and_the_other_learns_how_many_are_left()
    {
        await _api.Tickets.CreatedEventAsync("c02", capacity: 10, limit: 6);

        var responses = await Task.WhenAll(new[] { "alice", "bob" }.Select(buyer => _api.Tickets.PurchaseAsync("c02", $"key-{buyer}", buyer, 6)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = await Problem.ReadAsync(Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Created));
        Assert.Equal((409, "insufficient-tickets", 4), (refused.Status, refused.Code, refused.Body.GetProperty("available").GetInt32()));
        var availability = await _api.Tickets.AvailabilityAsync("c02");
        Assert.Equal((6, 4), (availability.Sold, availability.Available));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_per_buyer_limit_counts_earlier_purchases_and_sold_out_answers_409()
    {
        await _api.Tickets.CreatedEventAsync("limits", capacity: 5, limit: 3);
        await _api.Tickets.PurchasedAsync("limits", "k-1", "alice", 2);

        var overLimit = await Problem.ReadAsync(await _api.Tickets.PurchaseAsync("limits", "k-2", "alice", 2));
        await _api.Tickets.PurchasedAsync("limits", "k-3", "bob", 3);
        var soldOut = await Problem.ReadAsync(await _api.Tickets.PurchaseAsync("limits", "k-4", "carol", 1));

        Assert.Equal((400, "limit-exceeded"), (overLimit.Status, overLimit.Code));
        Assert.Equal((409, "sold-out", 0), (soldOut.Status, soldOut.Code, soldOut.Body.GetProperty("available").GetInt32()));
        Assert.Equal(5, (await _api.Tickets.AvailabilityAsync("limits")).Sold);
    }
}
