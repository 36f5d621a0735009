using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TicketActors.Cli.Tests.Support;

/// <summary>
/// The real HTTP service as its own process (<c>dotnet TicketActors.Api.dll</c> from its build output) on a
/// loopback port, on a SQLite data folder, with an organiser key; started again on the same port and folder after a
/// <see cref="Kill"/>, as an operator's supervisor would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminKey = "organiser-key-for-load-specs";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The service's dll in its own build output (see the test project file).</summary>
    public static string ServiceDll { get; } = Path.GetFullPath(typeof(ServiceProcess).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ServiceDll").Value!.Replace('\\', Path.DirectorySeparatorChar));

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The address as <c>load --url</c> takes it.</summary>
    public string Url => Address.ToString().TrimEnd('/');

    /// <summary>Every line the service printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the service on <paramref name="dataDir"/> at <paramref name="port"/> (a free one when not given) and waits for <c>/ready</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(string dataDir, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(ServiceDll))
        {
            Assert.Fail($"The service under test is not where it should be: {ServiceDll}");
        }
        start.ArgumentList.Add(ServiceDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["TicketActors__DataDir"] = dataDir;
        start.Environment["TicketActors__AdminKey"] = AdminKey;
        // A request log line per purchase would only slow the specs down.
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the service did not start");
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, line) => service.Print(line.Data);
        process.ErrorDataReceived += (_, line) => service.Print(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary><c>kill -9</c>: the process ends at once, nothing flushed, nothing answered.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The event's availability as the service reports it.</summary>
    public async Task<(int Capacity, int Sold, int Held, int Available)> AvailabilityAsync(string eventId)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = Patience };
        var body = await http.GetStringAsync(new Uri($"/events/{eventId}/availability", UriKind.Relative));
        var stock = JsonDocument.Parse(body).RootElement;
        return (stock.GetProperty("capacity").GetInt32(), stock.GetProperty("sold").GetInt32(), stock.GetProperty("held").GetInt32(), stock.GetProperty("available").GetInt32());
    }

    /// <summary>Creates an event through <c>POST /events</c> with the organiser key; every category at 25.00 EUR.</summary>
    public async Task CreateEventAsync(string eventId, params (string Name, int Capacity, int Limit)[] categories)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = Patience };
        var body = JsonSerializer.Serialize(new
        {
            id = eventId,
            name = $"Event {eventId}",
            categories = categories.Select(c => new { name = c.Name, capacity = c.Capacity, price = 2500, currency = "EUR", limit = c.Limit }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/events", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AdminKey);
        using var created = await http.SendAsync(request);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /events answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
    }

    /// <summary>Buys <paramref name="quantity"/> tickets of <paramref name="category"/> through <c>POST /events/{eventId}/purchases</c>.</summary>
    public async Task PurchaseAsync(string eventId, string buyerId, string category, int quantity)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = Patience };
        var body = JsonSerializer.Serialize(new { buyerId, category, quantity }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/events/{eventId}/purchases", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"spec-{Guid.NewGuid():N}");
        using var bought = await http.SendAsync(request);
        Assert.True(bought.StatusCode == HttpStatusCode.Created, $"POST /events/{eventId}/purchases answered {(int)bought.StatusCode}: {await bought.Content.ReadAsStringAsync()}");
    }

    /// <summary>The event's availability per category, keyed by category name, in the service's order.</summary>
    public async Task<Dictionary<string, (int Capacity, int Sold, int Held, int Available)>> CategoriesAsync(string eventId)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = Patience };
        var body = await http.GetStringAsync(new Uri($"/events/{eventId}/availability", UriKind.Relative));
        return JsonDocument.Parse(body).RootElement.GetProperty("categories").EnumerateArray().ToDictionary(
            c => c.GetProperty("category").GetString()!,
            c => (c.GetProperty("capacity").GetInt32(), c.GetProperty("sold").GetInt32(), c.GetProperty("held").GetInt32(), c.GetProperty("available").GetInt32()));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private void Print(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>Asks <c>/ready</c> until it answers 200, with a deadline; no fixed sleep.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var ready = await http.GetAsync(new Uri("/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            Assert.True(started.Elapsed < Patience, $"the service was not ready within {Patience}:\n{Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

}
