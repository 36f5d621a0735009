using System.Diagnostics;
using System.Net;
using TicketActors.Api.Tests.Support;
using Xunit.Abstractions;

namespace TicketActors.Api.Tests;

/// <summary>
/// CASES C26 on one node: SIGTERM in the middle of a rush. The service stops accepting, answers what is in flight,
/// then runs CoordinatedShutdown, and exits 0 within 30 s; after a restart every 201 is there, and nothing else.
/// </summary>
public sealed class ShutdownSpec(ITestOutputHelper output) : IDisposable
{
    private const int Purchases = 400;
    private const int Concurrency = 32;
    private const int TerminateAfter = 100;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task C26_sigterm_mid_rush_answers_in_flight_purchases_exits_0_within_30_s_and_keeps_every_acknowledged_sale()
    {
        var outcomes = new List<Outcome>();
        await using (var service = await ServiceProcess.StartAsync(_folder.Path))
        {
            await service.Tickets.CreatedEventAsync("sigterm", capacity: 10_000, limit: 10);
            using var buyers = new SemaphoreSlim(Concurrency);
            var answered = 0;
            var terminated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var rush = Task.WhenAll(Enumerable.Range(1, Purchases).Select(async i =>
            {
                await buyers.WaitAsync();
                try
                {
                    var outcome = await BuyAsync(service.Tickets, i);
                    if (Interlocked.Increment(ref answered) == TerminateAfter)
                    {
                        terminated.SetResult();
                    }
                    return outcome;
                }
                finally
                {
                    buyers.Release();
                }
            }));

            await terminated.Task.WaitAsync(ApiHost.Patience);
            var clock = Stopwatch.StartNew();
            service.Terminate();
            outcomes.AddRange(await rush);
            var exitCode = await service.ExitCodeAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"exit {exitCode} {clock.ElapsedMilliseconds} ms after SIGTERM; " +
                string.Join(", ", outcomes.GroupBy(o => o.Status).Select(g => $"{g.Key}: {g.Count()}")));

            Assert.Equal(0, exitCode);
            Assert.All(outcomes, o => Assert.True(o.Status is "201" or "503 stopping" or "not sent", $"{o.Key}: {o.Status}"));
            Assert.InRange(outcomes.Count(o => o.Status == "201"), TerminateAfter, Purchases - 1);
            var lines = service.Output;
            int Line(string text) => lines.ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));
            Assert.True(Line("Application is shutting down") is var stopping && stopping >= 0, string.Join('\n', lines));
            Assert.True(Line("Stopping the box offices") > stopping, string.Join('\n', lines));
            Assert.True(Line("Box offices stopped") > Line("Stopping the box offices"), string.Join('\n', lines));
        }

        await using var restarted = await ServiceProcess.StartAsync(_folder.Path);
        var acknowledged = outcomes.Where(o => o.Status == "201").ToList();
        Assert.Equal(acknowledged.Sum(o => o.Quantity), (await restarted.Tickets.AvailabilityAsync("sigterm")).Sold);
        foreach (var sale in acknowledged)
        {
            using var retry = await restarted.Tickets.PurchaseAsync("sigterm", sale.Key, sale.Buyer, sale.Quantity);
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(sale.Body, await retry.Content.ReadAsStringAsync());
        }
        Assert.Equal(acknowledged.Sum(o => o.Quantity), (await restarted.Tickets.AvailabilityAsync("sigterm")).Sold);
    }

    private static async Task<Outcome> BuyAsync(TicketsClient tickets, int i)
    {
        var (key, buyer, quantity) = ($"key-{i}", $"buyer-{i}", 1 + (i % 3));
        try
        {
            using var response = await tickets.PurchaseAsync("sigterm", key, buyer, quantity);
            var body = await response.Content.ReadAsStringAsync();
            var status = response.StatusCode == HttpStatusCode.Created ? "201" : $"{(int)response.StatusCode} {(await Problem.ReadAsync(response)).Code}";
            return new Outcome(key, buyer, quantity, status, body);
        }
        catch (HttpRequestException)
        {
            // Refused or reset before the service read the request: not acknowledged, and (checked after the restart) not sold.
            return new Outcome(key, buyer, quantity, "not sent", "");
        }
    }

    private sealed record Outcome(string Key, string Buyer, int Quantity, string Status, string Body);
}
