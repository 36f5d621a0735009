using System.Net;
using Microsoft.Data.Sqlite;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>
/// Requests during start-up get 503 with Retry-After, never an error: the spec holds an exclusive lock on the SQLite file
/// before the service starts, so the store cannot serve until the spec lets go.
/// </summary>
public sealed class ReadinessSpec
{
    [Fact]
    public async Task While_the_store_is_locked_the_service_is_alive_but_not_ready_and_answers_503_starting_then_serves_once_it_is_released()
    {
        using var folder = new TempFolder();
        var locker = new SqliteConnection($"Data Source={folder.DatabaseFile};Pooling=False");
        locker.Open();
        Execute(locker, "PRAGMA journal_mode=DELETE; CREATE TABLE held(x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);");
        await using var api = await ApiHost.StartAsync(folder.Path, waitUntilReady: false);

        using var alive = await api.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await Problem.ReadAsync(await api.Http.GetAsync(new Uri("/ready", UriKind.Relative)));
        var create = await Problem.ReadAsync(await api.Tickets.CreateEventAsync(new { id = "early", name = "Early", categories = new[] { TicketsClient.Category() } }));
        var purchase = await Problem.ReadAsync(await api.Tickets.PurchaseAsync("early", "k-1", "alice", 1));
        var list = await Problem.ReadAsync(await api.Http.GetAsync(new Uri("/events", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        foreach (var starting in new[] { ready, create, purchase, list })
        {
            Assert.Equal((503, "starting", "1"), (starting.Status, starting.Code, starting.RetryAfter));
        }
        Execute(locker, "COMMIT;");
        locker.Dispose();

        await api.WaitUntilReadyAsync();
        await api.Tickets.CreatedEventAsync("early", capacity: 5);
        await api.Tickets.PurchasedAsync("early", "k-1", "alice", 1);
        Assert.Equal(1, (await api.Tickets.AvailabilityAsync("early")).Sold);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
