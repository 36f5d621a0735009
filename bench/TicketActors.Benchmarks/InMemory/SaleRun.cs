using System.Diagnostics;
using System.Text.Json;
using Serilog;
using Serilog.Events;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// One run in a process of its own: <c>ticketactors-bench inmemory-run DESIGN BUYERS TICKETS</c> sells, checks and
/// prints its <see cref="SaleResult"/> as one line <c>RESULT {json}</c>. The parent starts one per run, so every
/// design starts from a fresh runtime and its peak memory is its own.
/// </summary>
public static class SaleRun
{
    public const string Command = "inmemory-run";
    private const string Prefix = "RESULT ";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count != 3 || !SaleDesigns.IsKnown(args[0]) ||
            !OptionValues.Whole(args[1], 1, InMemoryOptions.MaxBuyers, out var buyers) ||
            !OptionValues.Whole(args[2], 1, InMemoryOptions.MaxTickets, out var tickets))
        {
            await Console.Error.WriteLineAsync(
                $"usage: {Command} DESIGN BUYERS TICKETS, DESIGN one of {string.Join(", ", SaleDesigns.All.Select(d => d.Key))}, " +
                $"BUYERS from 1 to {InMemoryOptions.MaxBuyers}, TICKETS from 1 to {InMemoryOptions.MaxTickets}");
            return 2;
        }
        // Akka logs through Serilog: warnings and errors only, on stderr; stdout carries the result line.
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Console(outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        var result = await SaleDesigns.Create(args[0]).RunAsync(new SaleSetup(tickets, buyers));
        Console.WriteLine(Prefix + JsonSerializer.Serialize(result, InMemoryReport.Json));
        return result.Correct ? 0 : 1;
    }

    /// <summary>Starts the child for one run and reads its result; a crash or a timeout is a failed run with the reason.</summary>
    public static async Task<SaleResult> InChildAsync(string key, string design, int buyers, int tickets, TimeSpan timeout, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(BenchMachine.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "ticketactors-bench.dll"), Command, key, $"{buyers}", $"{tickets}" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a benchmark run");
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellation.ThrowIfCancellationRequested();
            return Failed(design, buyers, tickets, $"no result within {timeout.TotalSeconds:0} s");
        }
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            var why = (await errors).Trim();
            return Failed(design, buyers, tickets, $"exit code {process.ExitCode}: {(why.Length > 300 ? why[..300] : why)}");
        }
        return JsonSerializer.Deserialize<SaleResult>(line[Prefix.Length..], InMemoryReport.Json)
            ?? Failed(design, buyers, tickets, "an empty result");
    }

    private static SaleResult Failed(string design, int buyers, int tickets, string why) =>
        new(design, buyers, tickets, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, false, why);
}
