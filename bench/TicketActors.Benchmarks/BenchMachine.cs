using System.Runtime.InteropServices;

namespace TicketActors.Benchmarks;

/// <summary>What every benchmark report says about where it ran, and how it starts its child processes.</summary>
public static class BenchMachine
{
    public static string Description { get; } =
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or null: other work on the machine skews every figure.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The dotnet host that runs this process (set by the SDK), else <c>dotnet</c> from the path.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
