using System.Diagnostics;
using System.Text.Json;
using TicketActors.Cli.Tests.Support;
using Xunit.Abstractions;

namespace TicketActors.Cli.Tests;

/// <summary>
/// The crash test: <c>kill -9</c> of the service process in the middle of a load run, a restart on the same
/// SQLite folder and port, and the load generator's check: every acknowledged purchase is there with the same
/// tickets, sold equals the tickets of the acknowledged purchases, nothing was sold twice.
/// </summary>
public sealed class LoadKillSpec(ITestOutputHelper output) : IDisposable
{
    private const string EventId = "crash";
    private const int KillAfterSold = 300;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Kill_9_of_the_service_mid_run_then_a_restart_loses_no_acknowledged_purchase_and_sells_nothing_twice()
    {
        var port = ServiceProcess.FreePort();
        var report = _folder.File("load.json");
        var orders = _folder.File("orders.jsonl");
        var service = await ServiceProcess.StartAsync(_folder.Path, port);
        try
        {
            // Enough attempts (backoff up to 2 s each) to outlast the restart: the run retries every request with its key until it is answered.
            var run = CliProcess.RunAsync(_folder.Path,
                ["load", "--url", service.Url, "--event", EventId, "--admin-key", ServiceProcess.AdminKey, "--tickets", "100000",
                 "--buyers", "4000", "--requests", "4000", "--concurrency", "32", "--quantity", "1-2", "--seed", "9",
                 "--timeout", "5", "--attempts", "60", "--quiet", "--report-json", report, "--orders", orders],
                TimeSpan.FromMinutes(4));

            await WaitUntilSoldAsync(service, run);
            var clock = Stopwatch.StartNew();
            await service.KillAsync();
            var soldAtTheKill = -1;
            await service.DisposeAsync();
            service = await ServiceProcess.StartAsync(_folder.Path, port);
            output.WriteLine($"killed and ready again in {clock.ElapsedMilliseconds} ms");
            soldAtTheKill = (await service.AvailabilityAsync(EventId)).Sold;

            var result = await run;
            output.WriteLine(result.ToString());
            Assert.True(result.ExitCode == 0, $"{result}\n{service.Output}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var load = json.RootElement;
            Assert.True(load.GetProperty("correct").GetBoolean(), result.ToString());
            Assert.Equal(0, load.GetProperty("unresolved").GetInt32());
            Assert.Equal(0, load.GetProperty("duplicateTickets").GetInt32());
            Assert.True(load.GetProperty("retries").GetInt64() > 0, $"the run was not interrupted by the kill\n{result}");
            Assert.Equal(4000, load.GetProperty("purchases").GetInt32());
            var ticketsPurchased = load.GetProperty("ticketsPurchased").GetInt64();
            Assert.InRange(soldAtTheKill, KillAfterSold, (int)ticketsPurchased);
            Assert.Equal(ticketsPurchased, (await service.AvailabilityAsync(EventId)).Sold);

            // Once more, with the run over: kill -9, restart, and every acknowledged order must come back as it was.
            await service.KillAsync();
            await service.DisposeAsync();
            service = await ServiceProcess.StartAsync(_folder.Path, port);
            var check = await CliProcess.RunAsync(_folder.Path,
                ["load", "--url", service.Url, "--event", EventId, "--check-only", "--orders", orders, "--quiet"]);
            output.WriteLine(check.ToString());
            Assert.True(check.ExitCode == 0, $"{check}\n{service.Output}");
            Assert.StartsWith($"check OK: 4000 purchases of {ticketsPurchased} tickets from 4000 requests, sold {ticketsPurchased} of 100000 general", Assert.Single(check.StdoutLines), StringComparison.Ordinal);
            Assert.Equal(ticketsPurchased, (await service.AvailabilityAsync(EventId)).Sold);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>Polls the availability until the run has sold <see cref="KillAfterSold"/> tickets, with a deadline.</summary>
    private static async Task WaitUntilSoldAsync(ServiceProcess service, Task<CliResult> run)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(run.IsCompleted, $"the load run ended before the kill:\n{(run.IsCompleted ? await run : null)}");
            try
            {
                if ((await service.AvailabilityAsync(EventId)).Sold >= KillAfterSold)
                {
                    return;
                }
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // The run has not created the event yet.
            }
            Assert.True(started.Elapsed < ServiceProcess.Patience, $"the run did not sell {KillAfterSold} tickets within {ServiceProcess.Patience}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
