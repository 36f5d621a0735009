using System.Diagnostics;
using System.Text;

namespace TicketActors.Cli.Tests.Support;

/// <summary>What one run of the <c>ticketactors</c> program left behind.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The lines of stdout, without line ends; no empty last line.</summary>
    public IReadOnlyList<string> StdoutLines { get; } = SplitLines(Stdout);

    /// <summary>For assertion messages: everything the program printed.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    private static string[] SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}

/// <summary>
/// Runs the real <c>ticketactors</c> program (the <c>ticketactors.dll</c> copied next to the test assembly) as a
/// child process, with a finite timeout, capturing stdout, stderr and the exit code.
/// </summary>
public static class CliProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string ProgramPath { get; } = Path.Combine(AppContext.BaseDirectory, "ticketactors.dll");

    /// <summary>Runs <c>dotnet ticketactors.dll args...</c> in <paramref name="workingDirectory"/>; kills it and fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        if (!File.Exists(ProgramPath))
        {
            Assert.Fail($"The program under test is not where it should be: {ProgramPath}");
        }
        var limit = timeout ?? DefaultTimeout;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Plain text whatever the terminal or CI the tests run in.
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"ticketactors {string.Join(' ', args)} did not exit within {limit.TotalSeconds:0} s and was killed.\n" +
                $"--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
