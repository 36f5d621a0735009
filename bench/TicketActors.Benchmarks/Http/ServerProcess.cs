using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TicketActors.Benchmarks.Http;

/// <summary>A server of the <c>http</c> benchmark as its own process on a loopback port, ready once <c>/ready</c> answers 200.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "organiser-key-for-the-http-benchmark";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// The service (<c>TicketActors.Api.dll</c>) on <paramref name="store"/>, request logs off (warnings only), with
    /// any further settings as command-line arguments (<c>--TicketActors:MaxInFlightPerEvent=64</c>).
    /// </summary>
    public static Task<ServerProcess> StartServiceAsync(string store, string dataDir, params string[] settings) =>
        StartAsync(dataDir, address => [Path.Combine(AppContext.BaseDirectory, "TicketActors.Api.dll"), "--urls", address,
            $"--TicketActors:Store={store}", $"--TicketActors:DataDir={dataDir}", $"--TicketActors:AdminKey={AdminKey}",
            "--Serilog:MinimumLevel:Default=Warning", .. settings]);

    /// <summary>The process's resident memory now (<c>VmRSS</c>) and its peak so far (<c>VmHWM</c>), in bytes, from /proc (Linux).</summary>
    public (long Resident, long Peak) Memory()
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }
        return (resident, peak);

        static long Kilobytes(string line) =>
            long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The ceiling: this benchmark's own minimal Kestrel app (<see cref="CeilingServer"/>).</summary>
    public static Task<ServerProcess> StartCeilingAsync(string folder) =>
        StartAsync(folder, address => [Path.Combine(AppContext.BaseDirectory, "ticketactors-bench.dll"), CeilingServer.Command, address]);

    private static async Task<ServerProcess> StartAsync(string workingDirectory, Func<string, string[]> arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(BenchMachine.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments(address.ToString().TrimEnd('/')))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, line) => server.Print(line.Data);
        process.ErrorDataReceived += (_, line) => server.Print(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the service flushes and stops as in production; the ceiling just stops.
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
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

    private async Task WaitUntilReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }
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
            if (started.Elapsed > patience)
            {
                throw new TimeoutException($"the server was not ready within {patience}:\n{string.Join('\n', _output)}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
