using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TicketActors.Api.Tests.Support;

/// <summary>
/// The real service as its own process (<c>dotnet TicketActors.Api.dll --urls ...</c>, the dll copied next to the
/// test assembly), configured by environment variables as an operator would, its output captured line by line.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = ApiHost.Patience };
        Tickets = new TicketsClient(Http);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public TicketsClient Tickets { get; }

    public int Id => _process.Id;

    /// <summary>Every line the service printed so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static async Task<ServiceProcess> StartAsync(string dataDir, IDictionary<string, string>? environment = null, bool waitUntilReady = true, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TicketActors.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["TicketActors__DataDir"] = dataDir;
        start.Environment["TicketActors__AdminKey"] = ApiHost.AdminKey;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the service did not start");
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, line) => service.Print(line.Data);
        process.ErrorDataReceived += (_, line) => service.Print(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitUntilReady)
        {
            await service.WaitUntilReadyAsync();
        }
        return service;
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and systemd do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, once the process exited within <paramref name="within"/>; fails the spec otherwise.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the service did not exit within {within}:\n{string.Join('\n', Output)}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            Terminate();
            await ExitCodeAsync(ApiHost.Patience);
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

    private async Task WaitUntilReadyAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{string.Join('\n', Output)}");
            try
            {
                using var ready = await Http.GetAsync(new Uri("/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(started.Elapsed < ApiHost.Patience, $"the service was not ready within {ApiHost.Patience}:\n{string.Join('\n', Output)}");
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
