using System.Diagnostics;
using System.Net;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>
/// A box office that cannot keep up sheds load instead of queueing (503 with Retry-After at once, per event), and a
/// box office that does not answer costs a request at most the ask timeout (CASES C24). The journal is
/// Akka.Persistence.TestKit's, held shut by a gate, so "cannot keep up" is exact, not a matter of timing.
/// </summary>
public sealed class OverloadSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ten_times_the_in_flight_limit_gets_503_with_retry_after_at_once_and_the_admitted_purchases_are_sold_when_the_journal_catches_up()
    {
        await using var api = await StartAsync(new() { ["TicketActors:MaxInFlightPerEvent"] = "2" });
        await api.Tickets.CreatedEventAsync("rush", capacity: 100, limit: 1);
        await api.Tickets.CreatedEventAsync("calm", capacity: 100);
        var gate = await JournalGate.CloseAsync(api);

        var purchases = Enumerable.Range(1, 20).Select(i => ResultAsync(api.Tickets.PurchaseAsync("rush", $"key-{i}", $"buyer-{i}", 1))).ToList();
        var refused = new List<(int Status, string Code, string? RetryAfter)>();
        while (refused.Count < 18)
        {
            var done = await Task.WhenAny(purchases).WaitAsync(ApiHost.Patience);
            purchases.Remove(done);
            refused.Add(await done);
        }
        var readDuringTheRush = await ResultAsync(api.Http.GetAsync(new Uri("/events/rush/availability", UriKind.Relative)));
        var otherEvent = await api.Tickets.AvailabilityAsync("calm");

        Assert.Equal(2, purchases.Count);
        Assert.All(refused, r => Assert.Equal((503, "overloaded", "1"), r));
        Assert.Equal((503, "overloaded", "1"), readDuringTheRush);
        Assert.Equal(0, otherEvent.Sold);
        gate.Pass();
        Assert.All(await Task.WhenAll(purchases), r => Assert.Equal(201, r.Status));
        Assert.Equal(2, (await api.Tickets.AvailabilityAsync("rush")).Sold);
        await api.Tickets.PurchasedAsync("rush", "key-after", "buyer-after", 1);
        Assert.Equal(3, (await api.Tickets.AvailabilityAsync("rush")).Sold);
    }

    [Fact]
    public async Task C24_a_box_office_that_does_not_answer_costs_the_request_the_ask_timeout_then_503_and_a_retry_with_the_same_key_tells_the_outcome()
    {
        await using var api = await StartAsync(new() { ["TicketActors:AskTimeout"] = "00:00:01" });
        await api.Tickets.CreatedEventAsync("stalled", capacity: 10);
        var gate = await JournalGate.CloseAsync(api);

        var clock = Stopwatch.StartNew();
        var stalled = await ResultAsync(api.Tickets.PurchaseAsync("stalled", "key-1", "alice", 2));
        var waited = clock.Elapsed;
        await gate.Reached;

        Assert.Equal((503, "unavailable", "1"), stalled);
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        gate.Pass();
        var (order, _) = await api.Tickets.PurchasedAsync("stalled", "key-1", "alice", 2);
        Assert.Equal((1, 2), (order.OrderNumber, order.Quantity));
        Assert.Equal(2, (await api.Tickets.AvailabilityAsync("stalled")).Sold);
    }

    private Task<ApiHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["TicketActors:Store"] = "memory";
        settings["TicketActors:Akka"] = JournalGate.TestJournalHocon;
        return ApiHost.StartAsync(_folder.Path, settings);
    }

    /// <summary>201, or the problem's status, code and Retry-After.</summary>
    private static async Task<(int Status, string Code, string? RetryAfter)> ResultAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return (201, "", null);
        }
        var problem = await Problem.ReadAsync(response);
        return (problem.Status, problem.Code, problem.RetryAfter);
    }
}
