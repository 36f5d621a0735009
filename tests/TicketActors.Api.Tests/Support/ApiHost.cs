using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TicketActors.Api.Hosting;

namespace TicketActors.Api.Tests.Support;

/// <summary>
/// The real service, in process, on Kestrel at a free loopback port (not a test server: real HTTP, real body limits),
/// with its settings given as configuration keys, as an operator would. The default is the SQLite store in a
/// temp folder of the spec's own and an organiser key.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "organiser-key-for-specs";
    public const string DoorKey = "door-key-for-the-specs";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private ApiHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        // Kestrel on a port it picks itself, set as the address setting: UseKestrel(0) would rewrite the server's
        // addresses after the minimal app began to bind them, a race in ASP.NET Core 10 (dotnet/aspnetcore#67714:
        // "Addresses cannot be modified after the server has started").
        UseKestrel();
    }

    public HttpClient Http { get; private set; } = null!;

    public TicketsClient Tickets { get; private set; } = null!;

    /// <summary>The service's actor system (once it started).</summary>
    public ActorSystem System => Services.GetRequiredService<BoxOfficeHost>().System ?? throw new InvalidOperationException("the actor system has not started");

    /// <summary>Starts the service on <paramref name="dataDir"/> (SQLite) with <paramref name="settings"/> over the defaults; waits until it is ready unless told not to.</summary>
    public static async Task<ApiHost> StartAsync(string dataDir, IDictionary<string, string?>? settings = null, bool waitUntilReady = true)
    {
        var all = new Dictionary<string, string?>
        {
            ["TicketActors:DataDir"] = dataDir,
            ["TicketActors:AdminKey"] = AdminKey,
            ["TicketActors:DoorKey"] = DoorKey,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var host = new ApiHost(all);
        try
        {
            host.StartServer();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        host.Http = host.CreateClient();
        host.Http.Timeout = Patience;
        host.Tickets = new TicketsClient(host.Http);
        if (waitUntilReady)
        {
            await host.WaitUntilReadyAsync();
        }
        return host;
    }

    /// <summary>Asks <c>/ready</c> until it answers 200; fails the spec after <see cref="Patience"/>.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await Http.GetAsync(new Uri("/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(started.Elapsed < Patience, $"the service was not ready within {Patience}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>A folder of the spec's own in /tmp, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ticketactors-api-").FullName;

    public string DatabaseFile => System.IO.Path.Combine(Path, "tickets.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
